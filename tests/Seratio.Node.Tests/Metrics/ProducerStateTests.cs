using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Seratio.Consensus.Votes;
using Seratio.Core.Crypto;
using Seratio.Node.Chain;
using Seratio.Node.Consensus.State;
using Seratio.Node.Mempool;
using Seratio.Node.Metrics;
using Seratio.Node.Production;
using Seratio.Node.Storage;
using Seratio.Node.Tests.Chain;
using Seratio.Node.Tests.Production;
using Seratio.Vm.Genesis;

namespace Seratio.Node.Tests.Metrics;

/// <summary>A one-validator chain: the producer reports commit latency and progress, and answers GetConsensusState.</summary>
public sealed class ProducerStateTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly TestPool _pool = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000));
    private readonly RecordingMetrics _metrics = new();
    private readonly ChainDatabase _db;
    private readonly ValidatorKey _key = new(SigningKey.ForTesting("validator"));
    private readonly BlockProducer _producer;

    public ProducerStateTests()
    {
        _db = ChainDatabase.Open(_dir.Sub("chain"), Build.Genesis(), GenesisState.Build, nodes => new TestCommitment(nodes));
        _producer = new BlockProducer(_db, _pool, new TestExecution(), _key, new FileSignerStateStore(_dir.Sub("signer-state.bin")),
            _time, Options.Create(new ProducerOptions()), NullLogger<BlockProducer>.Instance, _metrics);
    }

    public void Dispose()
    {
        _producer.Dispose();
        _key.Dispose();
        _db.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public void ProduceNext_ReportsTheTimeFromTheHeightsStartToItsCommit()
    {
        _producer.ProduceNext(); // height 1 starts and commits at once; height 2 starts now
        _time.Advance(TimeSpan.FromMilliseconds(1500));
        _producer.ProduceNext();

        Assert.Equal(TimeSpan.FromMilliseconds(1500), _metrics.Latencies[^1]);
        Assert.Equal((3UL, 0U, VoteStep.Propose), _metrics.Progress[^1]);
        Assert.Contains((2UL, 0U, VoteStep.Precommit), _metrics.Progress);
    }

    [Fact]
    public async Task Snapshot_IsTheNextHeightRoundZeroWithThisValidatorAsProposer()
    {
        _producer.ProduceNext();
        _time.Advance(TimeSpan.FromSeconds(2));

        var s = await _producer.SnapshotAsync(CancellationToken.None);

        Assert.Equal(ConsensusRole.Validator, s.Role);
        Assert.True(s.SingleValidator);
        Assert.Equal(1UL, s.LatestHeight);
        Assert.Equal(2UL, s.Height);
        Assert.Equal(0U, s.Round);
        Assert.Equal(VoteStep.Propose, s.Step);
        Assert.Equal(_key.Key.PublicKey, s.Proposer);
        Assert.Equal(-1, s.LockedRound);
        Assert.Equal(1_800_000_000_000, s.HeightStartUnixMs);
        Assert.Equal(_key.Key.PublicKey, Assert.Single(s.Validators).Key);
        Assert.Empty(s.Peers);
    }

    private sealed class RecordingMetrics : INodeMetrics
    {
        public List<TimeSpan> Latencies { get; } = [];
        public List<(ulong, uint, VoteStep)> Progress { get; } = [];
        public void ConsensusProgress(ulong height, uint round, VoteStep step) => Progress.Add((height, round, step));
        public void HeightCommitted(TimeSpan sinceHeightStart) => Latencies.Add(sinceHeightStart);
        public void BlockCommitted(BlockFigures block) { }
        public void TxAdmission(AdmitOutcome outcome) { }
        public void BlockSynced() { }
        public void EvidenceSeen() { }
    }
}
