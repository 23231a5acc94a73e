using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Seratio.Bridges.Anvil;
using Seratio.Bridges.Checkpoints;
using Seratio.Bridges.Contracts;
using Seratio.Bridges.Relaying;
using Seratio.Cli.Anchor;
using Seratio.Cli.Cli;
using Seratio.Cli.Hosting;
using Seratio.Core.Chain;

namespace Seratio.Cli.Devnet;

/// <summary>
/// The anchoring side of <c>seratio devnet --anchor</c> (docs/anchoring.md "Local network"): two anvil processes (Ethereum,
/// chain id 1337; Ethereum Classic, 63 with Shanghai rules and no base fee) mining a block every second, the anchor contract
/// deployed on each by anvil's first account at nonce 0 with the genesis anchor set (so it lands at the address the genesis
/// targets name), and one <see cref="AnchorRelayer"/> per chain inside this process. Anvil keeps nothing on disk: every start
/// deploys anew and begins with empty outboxes (DIR/anchor/). Disposing stops the relayers, then the anvils, and deletes
/// anchor.json. Not thread safe: the devnet command drives it.
/// </summary>
internal sealed class DevnetAnchors : IAsyncDisposable
{
    /// <summary>Without --anvil-port, the Ethereum anvil listens on the --api port + this, Ethereum Classic's on the next port.</summary>
    public const int AnvilPortOffset = 300;

    /// <summary>Blocks a relayer waits on top of the inclusion block: anvil mines one a second, so about two seconds.</summary>
    public const int Confirmations = 2;

    /// <summary>Anvil's second pre-funded account (its well-known test mnemonic) pays the relayers' gas; the first deploys.</summary>
    private const string RelayerKey = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

    /// <summary>Anvil mines a block every second, empty or not, so confirmations arrive while nothing else is sent.</summary>
    private static readonly string[] AnvilArguments = ["--block-time", "1"];
    private static readonly TimeSpan RelayerPollInterval = TimeSpan.FromSeconds(1);

    private readonly CliConsole _console;
    private readonly DevnetLayout _layout;
    private readonly List<(AnvilChain Chain, AnvilNode Node)> _anvils = [];
    private readonly List<Task> _relayers = [];
    private readonly CancellationTokenSource _stop = new();
    private ILoggerFactory? _loggers;
    private readonly List<NodeCheckpointSource> _nodes = [];

    private DevnetAnchors(CliConsole console, DevnetLayout layout)
    {
        _console = console;
        _layout = layout;
    }

    public string AnchorDir => Path.Combine(_layout.Home, "anchor");

    /// <summary>What the banner and anchor.json say; set by <see cref="StartAsync"/>.</summary>
    public AnchorFile? Description { get; private set; }

    /// <summary>
    /// Stops the anvils a run of this devnet killed with SIGKILL left behind (its pid files under DIR/anchor), saying so.
    /// Called at every start, with or without --anchor, and before --reset deletes the pid files.
    /// </summary>
    public static void StopLeftovers(CliConsole console, DevnetLayout layout)
    {
        var anchorDir = Path.Combine(layout.Home, "anchor");
        if (!Directory.Exists(anchorDir)) return;
        foreach (var chain in new[] { AnvilChain.Ethereum, AnvilChain.EthereumClassic })
            if (StaleAnvil.StopLeftover(anchorDir, chain.Name) is { } report) console.Error.WriteLine(report);
    }

    /// <summary>
    /// Finds anvil, checks that <paramref name="genesis"/> names the eth and etc targets and that both ports are free:
    /// all before any validator starts, so a problem costs nothing.
    /// </summary>
    public static (string Anvil, ListenAddress Eth, ListenAddress Etc) Check(CliConsole console, DevnetLayout layout, Genesis genesis, int ethPort)
    {
        Target(genesis, AnvilChain.Ethereum);
        Target(genesis, AnvilChain.EthereumClassic);
        var anvil = AnvilFinder.Find(console);
        Directory.CreateDirectory(Path.Combine(layout.Home, "anchor"));
        var eth = new ListenAddress("127.0.0.1", ethPort);
        var etc = eth with { Port = ethPort + 1 };
        foreach (var (chain, address) in new[] { (AnvilChain.Ethereum, eth), (AnvilChain.EthereumClassic, etc) })
        {
            if (PortProbe.InUse(address) is { } inUse)
                throw CommandException.Failed(
                    $"cannot start the {chain.Name} anvil on {address}: {inUse}. Stop what listens there, or pick other ports with --anvil-port PORT (Ethereum; Ethereum Classic: PORT + 1)");
        }
        return (anvil, eth, etc);
    }

    /// <summary>Starts both anvils on <paramref name="eth"/>'s port and the next, and deploys the contract on each; fails clearly when one does not land where genesis expects it.</summary>
    public static async Task<DevnetAnchors> StartAsync(CliConsole console, DevnetLayout layout, Genesis genesis, string anvil, ListenAddress eth, string nodeUrl, CancellationToken ct)
    {
        var anchors = new DevnetAnchors(console, layout);
        try
        {
            // New chains every start: outboxes of the previous chains would name transactions these never saw.
            foreach (var file in Directory.EnumerateFiles(anchors.AnchorDir, "relayer-*")) File.Delete(file);
            var artifacts = AnchorArtifacts.Load(Path.Combine(AppContext.BaseDirectory, "anchor"));
            var set = GenesisAnchorSet(genesis);
            var chains = new List<AnchorChain>();
            foreach (var (chain, port) in new[] { (AnvilChain.Ethereum, eth.Port), (AnvilChain.EthereumClassic, eth.Port + 1) })
            {
                AnvilNode node;
                try
                {
                    node = await AnvilNode.StartAsync(chain, anvil, port, AnvilArguments, ct);
                }
                catch (InvalidOperationException e)
                {
                    throw CommandException.Failed($"the {chain.Name} anvil ({anvil}) did not start: {e.Message}");
                }
                anchors._anvils.Add((chain, node));
                StaleAnvil.Record(anchors.AnchorDir, chain.Name, node.ProcessId);
                console.Error.WriteLine($"started anvil for {chain.Name} (pid {node.ProcessId}) at {node.RpcUrl}");
            }
            foreach (var (chain, node) in anchors._anvils)
            {
                var expected = Target(genesis, chain).Contract;
                var contract = await AnchorContract.DeployAsync(node.Web3For(AnvilNode.FundedTestKey), artifacts, genesis.ChainId, set);
                if (!string.Equals(contract.Address, expected, StringComparison.OrdinalIgnoreCase))
                    throw CommandException.Failed(
                        $"the anchor contract landed at {contract.Address} on {chain.Name}, not at {expected} where the devnet genesis expects it " +
                        "(anvil's first account must deploy it at nonce 0 on a fresh anvil)");
                chains.Add(new AnchorChain
                {
                    Name = chain.Name, Rpc = node.RpcUrl, EvmChainId = chain.ChainId, Contract = expected.ToLowerInvariant(),
                    Outbox = Path.Combine(anchors.AnchorDir, $"relayer-{chain.Name}.outbox.json"),
                });
            }
            anchors.Description = new AnchorFile { Node = nodeUrl, Chains = chains };
            return anchors;
        }
        catch
        {
            await anchors.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts one relayer per chain reading checkpoints from the validators' APIs at <paramref name="validatorApis"/> (the
    /// first that answers), logging only warnings and errors, and writes anchor.json.
    /// </summary>
    public void StartRelayers(IReadOnlyList<string> validatorApis)
    {
        var file = Description ?? throw new InvalidOperationException("StartAsync first");
        _loggers = LoggerFactory.Create(b => b
            .SetMinimumLevel(LogLevel.Warning)
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
            .AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; }));
        _nodes.AddRange(validatorApis.Select(url => new NodeCheckpointSource(url)));
        var source = new FailoverCheckpointSource(_nodes);
        var artifacts = AnchorArtifacts.Load(Path.Combine(AppContext.BaseDirectory, "anchor"));
        foreach (var chain in file.Chains)
        {
            var relayer = new AnchorRelayer(new RelayerOptions
            {
                Target = chain.Name,
                RpcUrl = chain.Rpc,
                Contract = chain.Contract,
                PrivateKey = RelayerKey,
                EvmChainId = chain.EvmChainId,
                Type0 = chain.Name == AnvilChain.EthereumClassic.Name,
                Confirmations = Confirmations,
                OutboxPath = chain.Outbox,
                PollInterval = RelayerPollInterval,
            }, source, artifacts, _loggers.CreateLogger<AnchorRelayer>());
            _relayers.Add(relayer.RunAsync(_stop.Token));
        }
        file.Save(_layout.Home);
    }

    /// <summary>Reports through <paramref name="exited"/> an anvil that exits before the devnet stops it (the devnet goes on without that chain).</summary>
    public async Task WatchAsync(Action<string> exited)
    {
        var pending = _anvils.ToList();
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = _stop.Token.Register(() => stopped.TrySetResult());
        while (pending.Count > 0)
        {
            await Task.WhenAny(pending.Select(a => a.Node.Exited).Append(stopped.Task));
            // Ctrl-C at a terminal reaches the anvils too, which may exit a moment before the devnet stops them.
            if (!stopped.Task.IsCompleted) await Task.WhenAny(stopped.Task, Task.Delay(TimeSpan.FromSeconds(1)));
            if (stopped.Task.IsCompleted) return;
            foreach (var dead in pending.Where(a => a.Node.HasExited).ToList())
            {
                pending.Remove(dead);
                exited($"the {dead.Chain.Name} anvil (pid {dead.Node.ProcessId}) exited with code {dead.Node.ExitCode}; anchoring to {dead.Chain.Name} has stopped " +
                    $"(restart the devnet to start it again). Its last output:\n{dead.Node.RecentOutput}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_relayers);
        foreach (var (chain, node) in _anvils)
        {
            _console.Error.WriteLine($"stopping anvil for {chain.Name} (pid {node.ProcessId})");
            await node.DisposeAsync();
            File.Delete(StaleAnvil.PidFile(AnchorDir, chain.Name));
        }
        if (Description is not null) AnchorFile.Delete(_layout.Home);
        foreach (var node in _nodes) node.Dispose();
        _loggers?.Dispose();
        _stop.Dispose();
    }

    /// <summary>The genesis anchor set: every validator with a genesis anchor key, with its power (docs/anchoring.md "Anchor keys").</summary>
    private static AnchorSet GenesisAnchorSet(Genesis genesis)
    {
        var powers = genesis.Validators.ToDictionary(v => v.PublicKey, v => v.Power, StringComparer.OrdinalIgnoreCase);
        var keys = genesis.Anchor?.Keys ?? [];
        if (keys.Count == 0) throw CommandException.Failed("the devnet genesis registers no anchor key, so nothing would be anchored; start a new devnet with --reset");
        return AnchorSet.Create(keys.Select(k => (k.Address, powers[k.ValidatorPublicKey])));
    }

    private static GenesisAnchorTarget Target(Genesis genesis, AnvilChain chain)
    {
        var target = genesis.Anchor?.Targets.FirstOrDefault(t => t.Name == chain.Name);
        if (target is null || target.EvmChainId != (ulong)chain.ChainId)
            throw CommandException.Failed(
                $"the devnet genesis names no anchor target '{chain.Name}' with EVM chain id {chain.ChainId}; it predates --anchor: start a new devnet with --reset");
        return target;
    }
}
