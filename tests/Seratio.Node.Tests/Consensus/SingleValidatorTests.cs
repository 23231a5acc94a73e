using Seratio.Consensus.Validators;
using Seratio.Consensus.Votes;
using Seratio.Core.Crypto;
using Seratio.Core.Merkle;
using Seratio.Node.Chain;
using Seratio.Node.Consensus.State;
using Seratio.Node.Mempool;
using Seratio.Node.Metrics;
using Seratio.Node.Tests.Chain;
using Seratio.Vm.Modules.Assets;

namespace Seratio.Node.Tests.Consensus;

/// <summary>
/// A one-validator chain runs through the same consensus driver and engine as a network of many, over no peers:
/// its own votes are a quorum, so a height is decided as soon as its block is built. Fake time only.
/// </summary>
[Collection(DriverClusters.Name)]
public sealed class SingleValidatorTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task PendingTransfers_AreCommittedWithTheirStateAndReceipts()
    {
        await using var cluster = DriverCluster.CreateAlone();
        var node = cluster.Nodes[0];
        var t1 = Build.Transfer(Build.Alice, Build.Bob.Address, 100, 0);
        var t2 = Build.Transfer(Build.Alice, Build.Bob.Address, 50, 1);
        node.Pool.Add(t1, t2);
        await cluster.StartAsync();
        await cluster.RunUntil(() => node.Chain.GetTx(t2.Hash) is not null, "both transfers committed", Step, Limit);

        var location = node.Chain.GetTx(t2.Hash)!;
        var block = node.Chain.GetBlock(location.BlockHash)!;
        Assert.Equal([t1.Bytes.ToArray(), t2.Bytes.ToArray()], block.Block.Txs.Select(t => t.ToByteArray()));
        Assert.Equal(0, node.Pool.Count);
        Assert.Equal(2UL, Build.Account(node.Chain.LatestState.Get(AccountKeys.Account(Build.Alice.Address)))!.Nonce);
        Assert.Equal("155", Build.Account(node.Chain.LatestState.Get(AccountKeys.Account(Build.Bob.Address)))!.Balance);
        Assert.Equal(block.Hash, location.BlockHash);
    }

    [Fact]
    public async Task Blocks_CarryRootsProposerValidatorsAndTheParentsCommitSignedByTheValidator()
    {
        await using var cluster = DriverCluster.CreateAlone();
        var node = cluster.Nodes[0];
        node.Pool.Add(Build.Transfer(Build.Alice, Build.Bob.Address, 1, 0));
        await cluster.StartAsync();
        await cluster.RunUntil(() => node.Head >= 3, "three blocks", Step, Limit);

        var set = ValidatorSet.FromGenesis(node.Chain.Genesis);
        for (ulong h = 1; h <= 3; h++)
        {
            var record = node.Chain.GetBlock(h)!;
            var header = record.Block.Header;
            Assert.Equal(set.Hash.ToByteString(), header.ValidatorsHash);
            Assert.Equal(DriverCluster.Key(0).Address.ToByteString(), header.Proposer);
            Assert.Equal(node.Chain.StateRootAt(h)!.Value.ToByteString(), header.StateRoot);
            Assert.Equal(BinaryMerkle.Root([.. record.Block.Txs.Select(t => (ReadOnlyMemory<byte>)t.ToByteArray())]).ToByteString(), header.TxRoot);
            Assert.True(CommitVerifier.Verify(node.Chain.GetCommit(h)!, set, node.Chain.ChainId, out var reason), reason);
            if (h > 1)
            {
                Assert.Equal(node.Chain.GetBlock(h - 1)!.Hash.ToByteString(), header.ParentHash);
                Assert.Equal(node.Chain.GetCommit(h - 1), record.Block.LastCommit);
            }
        }
    }

    [Fact]
    public async Task EachBlock_IsExecutedOnce()
    {
        await using var cluster = DriverCluster.CreateAlone();
        var node = cluster.Nodes[0];
        for (ulong n = 0; n < 5; n++) node.Pool.Add(Build.Transfer(Build.Alice, Build.Bob.Address, 1, n));
        await cluster.StartAsync();
        await cluster.RunUntil(() => node.Head >= 4, "four blocks", Step, Limit);
        await node.StopAsync();
        Assert.Equal((int)node.Head, node.Execution.Calls);
    }

    [Fact]
    public async Task WithAnEmptyBlockInterval_AnIdleChainWaitsAndATransactionStartsTheNextBlock()
    {
        await using var cluster = DriverCluster.CreateAlone();
        cluster.EmptyBlockIntervalMs = 5_000;
        var node = cluster.Nodes[0];
        await cluster.StartAsync();
        await cluster.RunUntil(() => node.Head >= 1, "the first (empty) block", Step, Limit);
        ulong idle = node.Head;
        // Well inside the interval and past several commit waits: no empty block.
        for (int i = 0; i < 10; i++) { cluster.Time.Advance(TimeSpan.FromMilliseconds(100)); await Task.Delay(20); }
        Assert.Equal(idle, node.Head);

        var tx = Build.Transfer(Build.Alice, Build.Bob.Address, 1, 0);
        node.Pool.Add(tx);
        // Committed before the interval (5 s since the last block, 1 s of which has passed) could have started a block.
        await cluster.RunUntil(() => node.Chain.GetTx(tx.Hash) is not null, "the transaction committed", TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(3.5));
        Assert.True(node.Head > idle);

        // With nothing to do, the next empty block comes once the interval has passed.
        ulong afterTx = node.Head;
        await cluster.RunUntil(() => node.Head > afterTx, "an empty block after the interval", Step, TimeSpan.FromSeconds(30));
        Assert.Empty(node.Chain.GetBlock(node.Head)!.Block.Txs);
    }

    [Fact]
    public async Task Restart_ResumesFromTheCommittedHeadAndNeverSignsTwice()
    {
        await using var cluster = DriverCluster.CreateAlone();
        var node = cluster.Nodes[0];
        await cluster.StartAsync();
        await cluster.RunUntil(() => node.Head >= 3, "three blocks", Step, Limit);
        await node.StopAsync();
        ulong before = node.Head;
        var last = node.Chain.Head.BlockHash;
        var signed = node.SignerState.Load()!.State;

        var tx = Build.Transfer(Build.Alice, Build.Bob.Address, 9, 0);
        node.Pool.Add(tx);
        await node.StartAsync();
        await cluster.RunUntil(() => node.Chain.GetTx(tx.Hash) is not null, "a block after the restart", Step, Limit);
        Assert.Equal(last.ToByteString(), node.Chain.GetBlock(before + 1)!.Block.Header.ParentHash);
        Assert.True(node.SignerState.Load()!.State.Height > signed.Height);
    }

    [Fact]
    public async Task Metrics_AndSnapshot_ShowTheValidatorProposingAlone()
    {
        await using var cluster = DriverCluster.CreateAlone();
        var node = cluster.Nodes[0];
        await cluster.StartAsync();
        await cluster.RunUntil(() => node.Head >= 2, "two blocks", Step, Limit);

        Assert.NotEmpty(node.Metrics.Latencies);
        Assert.Contains(node.Metrics.Progress, p => p.Step == VoteStep.Precommit);
        var s = await node.Driver!.SnapshotAsync(CancellationToken.None);
        Assert.Equal(ConsensusRole.Validator, s.Role);
        Assert.True(s.SingleValidator);
        Assert.Equal(DriverCluster.Key(0).PublicKey, s.Proposer);
        Assert.Equal(DriverCluster.Key(0).PublicKey, Assert.Single(s.Validators).Key);
        Assert.Empty(s.Peers);
    }
}

/// <summary>Metrics a test can read. Thread safe: the driver's loop records, the test reads.</summary>
internal sealed class RecordingMetrics : INodeMetrics
{
    private readonly Lock _lock = new();
    private readonly List<TimeSpan> _latencies = [];
    private readonly List<(ulong Height, uint Round, VoteStep Step)> _progress = [];

    public List<TimeSpan> Latencies { get { lock (_lock) return [.. _latencies]; } }
    public List<(ulong Height, uint Round, VoteStep Step)> Progress { get { lock (_lock) return [.. _progress]; } }

    public void ConsensusProgress(ulong height, uint round, VoteStep step) { lock (_lock) _progress.Add((height, round, step)); }
    public void HeightCommitted(TimeSpan sinceHeightStart) { lock (_lock) _latencies.Add(sinceHeightStart); }
    public void BlockCommitted(BlockFigures block) { }
    public void TxAdmission(AdmitOutcome outcome) { }
    public void BlockSynced() { }
    public void EvidenceSeen() { }
}
