using System.CommandLine;
using Seratio.Cli.Cli;
using Seratio.Cli.Hosting;
using Seratio.Cli.Rpc;
using Seratio.Core.Chain;
using Seratio.Protocol;

namespace Seratio.Cli.Devnet;

/// <summary>
/// <c>seratio devnet</c>: creates a local one-validator network if absent, runs its validator as
/// a child process, prints how to use it, and stops the child on Ctrl-C or SIGTERM.
/// </summary>
internal static class DevnetCommand
{
    public const string DefaultApi = "127.0.0.1:9090";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    public static Command Create(GlobalOptions options)
    {
        var home = options.DevnetHomeOption("Devnet folder (env SERATIO_HOME)");
        var api = new Option<string>("--api") { Description = "Listen address of the validator's gRPC API, host:port", DefaultValueFactory = _ => DefaultApi };
        var reset = new Option<bool>("--reset") { Description = "Delete the devnet folder first and start from genesis" };
        var command = new Command("devnet", "Run a local one-validator network with funded development accounts") { home, api, reset };
        command.SetAction(async (parse, ct) =>
        {
            if (!ListenAddress.TryParse(parse.GetValue(api), out var listen, out var error)) throw CommandException.Usage($"--api: {error}");
            var layout = new DevnetLayout(parse.GetValue(home)!);
            var printer = options.Printer(parse);
            if (parse.GetValue(reset)) DevnetHome.Reset(layout);
            if (!layout.IsComplete)
            {
                DevnetHome.Create(layout, listen);
                options.Console.Error.WriteLine($"created devnet in {layout.Home}");
            }
            var genesis = Genesis.Load(layout.GenesisPath(0));
            if (PortProbe.InUse(listen) is { } inUse)
                throw CommandException.Failed(
                    $"cannot listen on {listen}: {inUse}. Another devnet or node may be running there; stop it, or pick a free address with --api (and pass the same --node URL to other commands)");

            using var stop = new StopSignal(ct);
            await using var child = ChildNode.Start(DevnetKeys.ValidatorName(0),
                ["node", "start", "--home", layout.ValidatorHome(0), "--api", listen.ToString()], options.Console);
            var status = await WaitUntilServingAsync(child, listen.ClientUrl, genesis.Hash(), stop.Task);
            if (status is null)
            {
                await child.StopAsync(StopGrace);
                return ExitCodes.Ok;
            }
            DevnetBanner.Print(printer, layout, genesis, listen, status, parse.GetValue(home)!);

            await Task.WhenAny(child.Exited, stop.Task);
            // Ctrl-C at a terminal reaches the child too, which may exit a moment before our own handler runs.
            if (child.HasExited && !stop.Task.IsCompleted) await Task.WhenAny(stop.Task, Task.Delay(TimeSpan.FromSeconds(1)));
            if (!stop.Task.IsCompleted)
                throw CommandException.Failed($"{child.Name} exited with code {child.ExitCode}; see its output above");
            options.Console.Error.WriteLine($"stopping {child.Name} (pid {child.ProcessId})");
            await child.StopAsync(StopGrace);
            options.Console.Error.WriteLine("devnet stopped");
            return ExitCodes.Ok;
        });
        return command;
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
