using System.CommandLine;
using Seratio.Cli.Cli;
using Seratio.Cli.Hosting;
using Seratio.Cli.Rpc;
using Seratio.Core.Chain;
using Seratio.Protocol;

namespace Seratio.Cli.Devnet;

/// <summary>
/// <c>seratio devnet</c>: creates a local network of N validators if absent, runs each validator as
/// a child process, prints how to use it (and, with several validators, a status line per node every
/// second), and stops the children on Ctrl-C or SIGTERM.
/// </summary>
internal static class DevnetCommand
{
    public const string DefaultApi = "127.0.0.1:9090";
    public const int DefaultValidators = 4;
    /// <summary>Without --p2p, validator 0's P2P port is its API port + this (validator i: + i), so devnets on other API ports do not collide.</summary>
    public const int P2PPortOffset = 1000;
    /// <summary>Validator i serves Prometheus metrics on its API host at the --api port + this + i (9290 + i by default).</summary>
    public const int MetricsPortOffset = 200;
    /// <summary>The portal listens on the --api host, this far above the --api port, unless --portal says otherwise.</summary>
    public const int PortalPortOffset = 400;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The environment of the validators devnet starts when there are several: devnet prints a status line per node every
    /// second, so their own logs show only what needs attention. Given to the child processes, not written into
    /// node.json, so a validator started again by hand logs its start line and commits at Information.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string> QuietChildren = new Dictionary<string, string>
    {
        ["SERATIO_Logging__LogLevel__Default"] = "Warning",
    };

    public static Command Create(GlobalOptions options)
    {
        var home = options.DevnetHomeOption("Devnet folder (env SERATIO_HOME)");
        var api = new Option<string>("--api") { Description = "Listen address of the validator's gRPC API, host:port", DefaultValueFactory = _ => DefaultApi };
        var reset = new Option<bool>("--reset") { Description = "Delete the devnet folder first and start from genesis" };
        var validators = new Option<int>("--validators")
        {
            Description = "Number of validators (each a child process; validator i serves its API on the --api port + i)",
            DefaultValueFactory = _ => DefaultValidators,
        };
        var p2p = new Option<string>("--p2p")
        {
            Description = $"P2P listen address of validator 0 with several validators, host:port (validator i: port + i); default: the --api host, port + {P2PPortOffset}",
        };
        var metricsOption = new Option<string>("--metrics")
        {
            Description = $"Prometheus metrics listen address of validator 0, host:port (validator i: port + i); default: the --api host, port + {MetricsPortOffset}",
        };
        var anchor = new Option<bool>("--anchor")
        {
            Description = "Also run two anvil nodes (Ethereum 1337, Ethereum Classic 63), deploy the anchor contract on each and relay checkpoints to both (needs `npm ci --prefix bridges/contracts`)",
        };
        var anvilPort = new Option<int?>("--anvil-port")
        {
            Description = $"With --anchor: port of the Ethereum anvil on 127.0.0.1 (Ethereum Classic: port + 1); default: the --api port + {DevnetAnchors.AnvilPortOffset}",
        };
        var daf = new Option<bool>("--daf")
        {
            Description = "The DAF governs from genesis: its account is the authority, the four dev accounts its council (weight 1 each), with short periods (docs/modules/daf.md)",
        };
        var portal = new Option<string>("--portal")
        {
            Description = $"Listen address of the web portal (explorer, certificates, values navigator, browser wallet), host:port; default: the --api host, port + {PortalPortOffset}",
        };
        var noPortal = new Option<bool>("--no-portal") { Description = "Do not serve the web portal" };
        var command = new Command("devnet", "Run a local network of validators with funded development accounts")
        {
            home, api, reset, validators, p2p, metricsOption, anchor, anvilPort, daf, portal, noPortal,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (!ListenAddress.TryParse(parse.GetValue(api), out var listen, out var error)) throw CommandException.Usage($"--api: {error}");
            int count = parse.GetValue(validators);
            if (count is < 1 or > 32) throw CommandException.Usage($"--validators must be 1..32, got {count}");
            var p2pFirst = DevnetHome.Offset(listen, P2PPortOffset);
            if (parse.GetValue(p2p) is { } p2pText && !ListenAddress.TryParse(p2pText, out p2pFirst, out var p2pError)) throw CommandException.Usage($"--p2p: {p2pError}");
            if (p2pFirst.Port + count > 65535 || listen.Port + count > 65535) throw CommandException.Usage("the API and P2P ports of the last validator must be below 65536");
            Portal.Hosting.PortalOptions? portalOptions = null;
            if (parse.GetValue(noPortal))
            {
                if (parse.GetValue(portal) is not null) throw CommandException.Usage("--portal and --no-portal exclude each other");
            }
            else
                portalOptions = PortalCommand.Options(parse.GetValue(portal) ?? DevnetHome.Offset(listen, PortalPortOffset).ToString(), listen.ClientUrl, "--portal");
            var layout = new DevnetLayout(parse.GetValue(home)!);
            var printer = options.Printer(parse);
            // First: a devnet of this folder killed with SIGKILL left its anvils running (and --reset would delete their pid files).
            DevnetAnchors.StopLeftovers(options.Console, layout);
            if (parse.GetValue(reset)) DevnetHome.Reset(layout);
            // An existing devnet keeps its number of validators unless --validators says otherwise.
            if (parse.GetResult(validators) is null or { Implicit: true } && layout.IsComplete && layout.ValidatorCount is int existing) count = existing;
            if (!layout.IsComplete)
            {
                DevnetHome.Create(layout, listen, count, p2pFirst, parse.GetValue(daf));
                options.Console.Error.WriteLine($"created devnet of {count} validator(s) in {layout.Home}");
            }
            else if (layout.ValidatorCount != count)
                throw CommandException.Usage(
                    $"the devnet in {layout.Home} has {layout.ValidatorCount} validator(s), not {count}; run with --validators {layout.ValidatorCount}, or add --reset to start a new one");
            DevnetHome.Upgrade(layout, count);
            var genesis = Genesis.Load(layout.GenesisPath(0));
            if (parse.GetValue(daf) && genesis.Authority != GenesisDaf.DafAddress.ToString())
                throw CommandException.Usage($"the devnet in {layout.Home} was created without --daf (its authority is {genesis.Authority}); add --reset to start one the DAF governs");
            var apis = Enumerable.Range(0, count).Select(i => DevnetHome.Offset(listen, i)).ToArray();
            var metricsFirst = DevnetHome.Offset(listen, MetricsPortOffset);
            if (parse.GetValue(metricsOption) is { } metricsText && !ListenAddress.TryParse(metricsText, out metricsFirst, out var metricsError))
                throw CommandException.Usage($"--metrics: {metricsError}");
            if (metricsFirst.Port + count > 65535) throw CommandException.Usage("the metrics port of the last validator must be below 65536");
            var metrics = Enumerable.Range(0, count).Select(i => DevnetHome.Offset(metricsFirst, i)).ToArray();
            bool anchoring = parse.GetValue(anchor);
            int ethPort = parse.GetValue(anvilPort) ?? listen.Port + DevnetAnchors.AnvilPortOffset;
            if (!anchoring && parse.GetValue(anvilPort) is not null) throw CommandException.Usage("--anvil-port needs --anchor");
            if (ethPort is < 1 or > 65534) throw CommandException.Usage($"--anvil-port must be 1..65534 (Ethereum Classic takes the next port), got {ethPort}");
            var anvils = anchoring ? DevnetAnchors.Check(options.Console, layout, genesis, ethPort) : default;

            var portalAddress = portalOptions is null ? (ListenAddress?)null : new ListenAddress(portalOptions.ListenHost, portalOptions.ListenPort);
            foreach (var address in apis.Concat(metrics).Concat(portalAddress is { } p ? [p] : []).Concat(Enumerable.Range(0, count).Select(i => DevnetPorts.P2POf(layout.NodeConfigPath(i))).OfType<ListenAddress>()))
                if (PortProbe.InUse(address) is { } inUse)
                    throw CommandException.Failed(
                        $"cannot listen on {address}: {inUse}. Another devnet or node may be running there: stop it, or run this one beside it " +
                        "with a folder and ports of its own, --home ANOTHER_DIR --api HOST:PORT (and --p2p HOST:PORT), passing its --node URL to other commands");

            using var stop = new StopSignal(ct);
            var children = new List<ChildNode>();
            DevnetAnchors? anchors = null;
            Microsoft.AspNetCore.Builder.WebApplication? portalApp = null;
            try
            {
                if (anchoring) anchors = await DevnetAnchors.StartAsync(options.Console, layout, genesis, anvils.Anvil, anvils.Eth, listen.ClientUrl, ct);
                for (int i = 0; i < count; i++)
                {
                    children.Add(ChildNode.Start(DevnetKeys.ValidatorName(i),
                        ["node", "start", "--home", layout.ValidatorHome(i), "--api", apis[i].ToString(), "--metrics", metrics[i].ToString()], options.Console,
                        count > 1 ? QuietChildren : null));
                    // The pid is how to stop one validator of this devnet only (kill PID), never a name that others' devnets share.
                    options.Console.Error.WriteLine($"started {children[i].Name} (pid {children[i].ProcessId})");
                }
                var status = await WaitUntilServingAsync(children[0], listen.ClientUrl, genesis.Hash(), stop.Task);
                if (status is null) return ExitCodes.Ok;
                anchors?.StartRelayers([.. apis.Select(a => a.ClientUrl)]);
                if (portalOptions is not null) portalApp = await PortalCommand.StartAsync(portalOptions, ct);
                DevnetBanner.Print(printer, layout, genesis, listen, status, parse.GetValue(home)!, metrics[0],
                    await DevnetBanner.ReadBalancesAsync(listen.ClientUrl, genesis, status.LatestHeight, ct), anchors?.Description, portalOptions?.BrowserUrl);
                _ = anchors?.WatchAsync(options.Console.Error.WriteLine);

                using var statusLoop = new CancellationTokenSource();
                var liveness = DevnetLiveness.Of(genesis);
                var lines = count > 1 ? DevnetStatus.RunAsync(children, apis, liveness, options.Console, statusLoop.Token) : Task.CompletedTask;
                try
                {
                    // What the chain does next depends on the power still up (more than 2/3 commits); the command starts the
                    // validator again by hand, printing its start line and commits (devnet reports it back once it answers).
                    await WatchChildrenAsync(children, stop.Task, dead => options.Console.Error.WriteLine(
                        $"{liveness.Exited(dead, children[dead].ExitCode)}. Start {children[dead].Name} again (it catches up by block sync) in another terminal: " +
                        $"seratio node start --home {layout.ValidatorHome(dead)} --api {apis[dead]} --metrics {metrics[dead]}"));
                }
                finally
                {
                    await statusLoop.CancelAsync();
                    await lines;
                }
                return ExitCodes.Ok;
            }
            finally
            {
                if (portalApp is not null) await portalApp.DisposeAsync();
                if (anchors is not null) await anchors.DisposeAsync();
                foreach (var child in children)
                    if (!child.HasExited) options.Console.Error.WriteLine($"stopping {child.Name} (pid {child.ProcessId})");
                await Task.WhenAll(children.Select(c => c.StopAsync(StopGrace)));
                foreach (var child in children) await child.DisposeAsync();
                if (children.Count > 0) options.Console.Error.WriteLine("devnet stopped");
            }
        });
        return command;
    }

    /// <summary>
    /// Waits for Ctrl-C. A validator that exits on its own is reported through <paramref name="exited"/> and the rest
    /// go on (a BFT network outlives a minority: the point of a local network of several); the devnet fails only when a
    /// one-validator devnet's node exits or every validator has.
    /// </summary>
    private static async Task WatchChildrenAsync(List<ChildNode> children, Task stop, Action<int> exited)
    {
        var running = Enumerable.Range(0, children.Count).ToList();
        while (true)
        {
            await Task.WhenAny(running.Select(i => children[i].Exited).Append(stop));
            // Ctrl-C at a terminal reaches the children too, which may exit a moment before our own handler runs.
            if (!stop.IsCompleted) await Task.WhenAny(stop, Task.Delay(TimeSpan.FromSeconds(1)));
            if (stop.IsCompleted) return;
            foreach (int dead in running.Where(i => children[i].HasExited).ToList())
            {
                running.Remove(dead);
                if (children.Count == 1 || running.Count == 0)
                    throw CommandException.Failed($"{children[dead].Name} exited with code {children[dead].ExitCode}; see its output above");
                exited(dead);
            }
        }
    }

    /// <summary>Polls GetStatus until our validator answers; null when stopped first. Fails when the child exits, a node of another genesis answers, or the timeout passes.</summary>
    private static async Task<NodeStatus?> WaitUntilServingAsync(ChildNode child, string url, Core.Crypto.Hash32 genesisHash, Task stop)
    {
        using var node = NodeConnection.Open(url);
        using var timeout = new CancellationTokenSource(StartTimeout);
        string last = "";
        while (!timeout.IsCancellationRequested)
        {
            if (stop.IsCompleted) return null;
            if (child.HasExited) throw CommandException.Failed($"{child.Name} exited with code {child.ExitCode} before its API answered; see its output above");
            NodeStatus? status = null;
            try
            {
                status = await node.CallAsync((c, o) => c.GetStatusAsync(new GetStatusRequest(), o), TimeSpan.FromSeconds(2), CancellationToken.None);
            }
            catch (CommandException ex) { last = ex.Message; }
            // Whatever answers must be our validator, not another chain's node that holds the port.
            if (status is not null && status.GenesisHash == genesisHash.ToByteString()) return status;
            if (status is not null)
            {
                await child.StopAsync(StopGrace);
                throw CommandException.Failed(
                    $"another node answers at {url} (genesis {Display.Hex(status.GenesisHash)}, chain {status.ChainId}), not this devnet; stop it or pick a free address with --api");
            }
            await Task.WhenAny(Task.Delay(TimeSpan.FromMilliseconds(250)), stop, child.Exited);
        }
        await child.StopAsync(StopGrace);
        throw CommandException.Failed($"{child.Name} did not answer at {url} within {StartTimeout.TotalSeconds:0} s ({last})");
    }
}
