using Microsoft.Extensions.Logging.Abstractions;
using Seratio.Consensus.Engine;
using Seratio.Consensus.Signing;
using Seratio.Consensus.Validators;
using Seratio.Consensus.Wal;
using Seratio.Core.Crypto;
using Seratio.Core.Storage;
using Seratio.Node.Chain;
using Seratio.Node.Consensus;
using Seratio.Node.P2P;
using Seratio.Node.Blocks;
using Seratio.Node.Tests.Chain;
using Seratio.Node.Tests.Blocks;
using Seratio.Node.Tests.Time;
using Seratio.Vm.Genesis;

namespace Seratio.Node.Tests.Consensus;

/// <summary>
/// N validators, each a real <see cref="ConsensusDriver"/> over an in-memory chain database, pool, signer state and
/// WAL, joined by an <see cref="InMemoryPeerHub"/> and sharing one fake clock that only the test moves. The step
/// timeouts, the commit wait and the tick are all distinct durations, so a test can tell which timer is armed.
/// </summary>
internal sealed class DriverCluster : IAsyncDisposable
{
    public static readonly TimeSpan CommitWait = TimeSpan.FromMilliseconds(150);
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(500);

    private DriverCluster(int validators, bool alone = false)
    {
        Alone = alone;
        var keys = Enumerable.Range(0, validators).Select(Key).ToArray();
        Genesis = Build.Genesis(Build.ChainId, keys);
        Validators = ValidatorSet.FromGenesis(Genesis);
        Nodes = [.. keys.Select((k, i) => new DriverNode(this, i, k.PublicKey))];
    }

    public Core.Chain.Genesis Genesis { get; }
    public ValidatorSet Validators { get; }
    public ObservedTimeProvider Time { get; } = new(DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000));
    public InMemoryPeerHub Hub { get; } = new();
    public IReadOnlyList<DriverNode> Nodes { get; }

    /// <summary>The nodes run over <see cref="NoPeerNetwork"/>, as a node without a "P2P" section does.</summary>
    public bool Alone { get; }

    /// <summary><see cref="ConsensusOptions.EmptyBlockIntervalMs"/> of drivers started from now on.</summary>
    public int EmptyBlockIntervalMs { get; set; }

    public TimeoutOptions Timeouts { get; } = new()
    {
        ProposeMs = 1000, ProposeDeltaMs = 400,
        PrevoteMs = 710, PrevoteDeltaMs = 310,
        PrecommitMs = 630, PrecommitDeltaMs = 170,
        MaxMs = 10_000,
    };

    public ConsensusOptions Options => new()
    {
        Timeouts = Timeouts,
        CommitWaitMs = (int)CommitWait.TotalMilliseconds,
        TickMs = (int)Tick.TotalMilliseconds,
        SyncBatch = 2,
        SyncRequestTimeoutMs = 2000,
        EmptyBlockIntervalMs = EmptyBlockIntervalMs,
        ProposeMsPerThousandTxs = 0,
    };

    public static SigningKey Key(int i) => SigningKey.ForTesting($"driver-validator-{i}");

    public static DriverCluster Create(int validators) => new(validators);

    /// <summary>One validator with no peer network: the chain a node without a "P2P" section runs.</summary>
    public static DriverCluster CreateAlone() => new(1, alone: true);

    /// <summary>The node that proposes round <paramref name="round"/> of <paramref name="height"/>.</summary>
    public DriverNode ProposerOf(ulong height, uint round)
    {
        var key = ProposerRotation.ProposerAt(Validators, height, round);
        return Nodes.Single(n => n.PublicKey == key);
    }

    /// <summary>
    /// Starts the given nodes (all by default), the proposer of the next height's round 0 last: the driver does not
    /// re-send on a peer's connect, so a proposal made before a peer joined would reach that peer only on a tick, and
    /// tests that wait without moving fake time would then wait forever.
    /// </summary>
    public async Task StartAsync(IEnumerable<DriverNode>? nodes = null)
    {
        var list = (nodes ?? Nodes).ToList();
        var next = ProposerOf(list.Min(n => n.Head) + 1, 0);
        foreach (var node in list.OrderBy(n => n == next)) await node.StartAsync();
    }

    /// <summary>Waits (in real time: the drivers' loops run on the thread pool) until <paramref name="condition"/> holds; fake time does not move.</summary>
    public static async Task WaitUntil(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"not reached in 60 s: {what}");
            await Task.Delay(5);
        }
    }

    /// <summary>
    /// Moves fake time in <paramref name="step"/>s, letting the loops work between steps, until
    /// <paramref name="condition"/> holds; fails after <paramref name="limit"/> of fake time. Give generous limits: on a
    /// loaded machine the loops lag behind, so fake time passes faster than they work.
    /// </summary>
    public async Task RunUntil(Func<bool> condition, string what, TimeSpan step, TimeSpan limit)
    {
        var start = Time.GetUtcNow();
        while (!condition())
        {
            if (Time.GetUtcNow() - start > limit) throw new TimeoutException($"not reached in {limit} of fake time: {what}");
            Time.Advance(step);
            await Task.Delay(10);
        }
    }

    /// <summary>Every given node has the same block hash at each height from 1 to <paramref name="height"/>.</summary>
    public static void AssertSameChain(IEnumerable<DriverNode> nodes, ulong height)
    {
        var all = nodes.ToArray();
        for (ulong h = 1; h <= height; h++)
        {
            var first = all[0].Chain.GetBlock(h) ?? throw new InvalidOperationException($"{all[0].Name} has no block {h}");
            foreach (var other in all.Skip(1)) Assert.Equal(first.Hash, other.Chain.GetBlock(h)?.Hash);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes) await node.DisposeAsync();
    }
}

/// <summary>One validator of a <see cref="DriverCluster"/>. Its chain, pool, signer state and WAL outlive restarts of its driver.</summary>
internal sealed class DriverNode(DriverCluster cluster, int index, PublicKey publicKey) : IAsyncDisposable
{
    public string Name { get; } = $"validator-{index}";
    public PublicKey PublicKey { get; } = publicKey;
    public PeerId Id { get; } = new(publicKey);
    public ChainDatabase Chain { get; } = new(new InMemoryKeyValueStore(), cluster.Genesis, GenesisState.Build);
    public TestPool Pool { get; } = new();
    public InMemorySignerStateStore SignerState { get; } = new();
    public InMemoryConsensusWal Wal { get; } = new();
    public ConsensusDriver? Driver { get; private set; }
    public TestExecution Execution { get; } = new();
    public RecordingMetrics Metrics { get; } = new();
    public ulong Head => Chain.Head.Height;

    private ValidatorKey? _key;

    /// <summary>Starts a new driver on this node's stores (a restart, when one ran before), on a fresh network link.</summary>
    public async Task StartAsync()
    {
        if (Driver is not null) throw new InvalidOperationException($"{Name} is running");
        _key = new ValidatorKey(DriverCluster.Key(index));
        var identity = new ConsensusIdentity(_key, SignerState, Wal);
        IPeerNetwork network = cluster.Alone ? new NoPeerNetwork(PublicKey) : cluster.Hub.Join(Id);
        Driver = new ConsensusDriver(Chain, Pool, Execution, network, cluster.Time,
            Microsoft.Extensions.Options.Options.Create(cluster.Options), NullLogger<ConsensusDriver>.Instance, identity, Metrics);
        await Driver.StartAsync(CancellationToken.None);
    }

    /// <summary>Stops the driver, as a process exit would; the stores stay.</summary>
    public async Task StopAsync()
    {
        if (Driver is null) return;
        await Driver.StopAsync(CancellationToken.None);
        Driver.Dispose();
        Driver = null;
        _key?.Dispose();
        if (!cluster.Alone) cluster.Hub.Leave(Id);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Chain.Dispose();
    }
}
