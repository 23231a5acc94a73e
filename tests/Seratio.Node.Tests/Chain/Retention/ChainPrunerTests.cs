using Seratio.Core.Storage;
using Seratio.Node.Chain;
using Seratio.Node.Chain.Retention;
using Seratio.Vm.Modules.Assets;

namespace Seratio.Node.Tests.Chain.Retention;

/// <summary>
/// State and block pruning on real RocksDB stores, against an archive store fed the same blocks: kept heights stay
/// whole (every key reads and proves), pruned ones are refused, nothing a kept root reaches is lost and nothing it
/// does not reach is left behind, and the state roots never differ from the archive's.
/// </summary>
public sealed class ChainPrunerTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 2)]
    [InlineData(3, 9)]
    public void PruneEveryBlock_KeepsTheWindowWhole_DeletesExactlyWhatNoKeptRootReaches(int seed, int keep)
    {
        using var archive = Pruning.Open(_dir.Sub("archive"));
        using var pruned = Pruning.Open(_dir.Sub("pruned"), new ChainRetention((ulong)keep, 0));
        var pruner = new ChainPruner(pruned);
        var workload = new PruningWorkload(seed);
        const ulong Heights = 60;
        for (ulong h = 1; h <= Heights; h++)
        {
            var changes = workload.Next(h);
            TestBlocks.CommitNext(archive, changes);
            TestBlocks.CommitNext(pruned, changes); // its update is computed from its own (pruned) store
            Assert.True(archive.Head.StateRoot == pruned.Head.StateRoot, $"seed {seed}: height {h} root differs from the archive's");
            pruner.Prune(1000);
            Assert.Equal(pruned.Retention.StateFloor(h), pruned.EarliestStateHeight);
        }

        ulong earliest = Heights + 1 - (ulong)keep;
        Assert.Equal(earliest, pruned.EarliestStateHeight);
        var keys = workload.Keys.Append(AccountKeys.Account(Build.Alice.Address)).ToList();
        for (ulong h = earliest; h <= Heights; h++) Pruning.AssertWhole(pruned, archive, keys, h);

        var kept = Pruning.Reachable(pruned, Enumerable.Range((int)earliest, keep).Select(i => (ulong)i));
        var stored = Pruning.StoredNodes(pruned);
        Assert.True(kept.SetEquals(stored), $"seed {seed}: {stored.Except(kept).Count()} stored nodes no kept root reaches, {kept.Except(stored).Count()} reachable nodes missing");
        Assert.True(stored.Count < Pruning.Count(archive, Column.StateNodes) / 2, $"seed {seed}: {stored.Count} nodes kept of the archive's {Pruning.Count(archive, Column.StateNodes)}");
        Assert.Equal(stored.Count, Pruning.Count(pruned, Column.StateNodeBirths));
        Assert.True(Pruning.Count(pruned, Column.StateHistory) < Pruning.Count(archive, Column.StateHistory));
    }

    [Fact]
    public void PrunedHeights_AreRefusedWithTheWindowInTheMessage()
    {
        using var pruned = Pruning.Open(_dir.Sub("pruned"), new ChainRetention(3, 0));
        var workload = new PruningWorkload(7);
        for (ulong h = 1; h <= 10; h++) TestBlocks.CommitNext(pruned, workload.Next(h));
        new ChainPruner(pruned).Prune(100);

        Assert.Equal(8UL, pruned.EarliestStateHeight);
        var key = workload.Keys[0];
        var refused = Assert.Throws<HeightPrunedException>(() => pruned.GetState(key, 7));
        Assert.Equal("state at height 7 was pruned; this node keeps the state of heights 8..10 (Storage:KeepStates=3); ask for a kept height, 0 for the latest, or ask an archive node",
            refused.Message);
        Assert.Throws<HeightPrunedException>(() => pruned.Prove(key, 0));
        Assert.Throws<HeightPrunedException>(() => new ChainStateReader(pruned, 1).Get(key));
        pruned.Prove(key, 8);
        Assert.NotNull(pruned.StateRootAt(1)); // the root index stays: block headers carry the roots anyway
    }

    [Fact]
    public void Reopened_PrunedStore_KeepsItsWindow_AndAnArchiveRetentionPrunesNoMore()
    {
        var path = _dir.Sub("pruned");
        using var archive = Pruning.Open(_dir.Sub("archive"));
        var workload = new PruningWorkload(11);
        using (var pruned = Pruning.Open(path, new ChainRetention(4, 0)))
        {
            for (ulong h = 1; h <= 20; h++)
            {
                var changes = workload.Next(h);
                TestBlocks.CommitNext(archive, changes);
                TestBlocks.CommitNext(pruned, changes);
            }
            new ChainPruner(pruned).Prune(100);
        }
        using var reopened = Pruning.Open(path); // archive now: nothing more goes, nothing comes back
        Assert.Equal(17UL, reopened.EarliestStateHeight);
        Assert.False(new ChainPruner(reopened).PruneNextState());
        Assert.Throws<HeightPrunedException>(() => reopened.GetState(workload.Keys[0], 16));
        for (ulong h = 17; h <= 20; h++) Pruning.AssertWhole(reopened, archive, workload.Keys, h);
    }

    [Fact]
    public void Blocks_BelowTheWindow_GoWithTheirCommitsReceiptsAndTransactionIndex()
    {
        using var pruned = Pruning.Open(_dir.Sub("pruned"), new ChainRetention(2, 3));
        var blocks = new List<CommittedBlock>();
        for (ulong h = 1; h <= 8; h++)
            blocks.Add(TestBlocks.CommitNext(pruned, [], Build.Transfer(Build.Alice, Build.Bob.Address, 1, h - 1), Build.Transfer(Build.Bob, Build.Alice.Address, 1, h - 1)));
        var progress = new ChainPruner(pruned).Prune(100);

        Assert.Equal(5, progress.Blocks);
        Assert.Equal(6UL, pruned.EarliestBlockHeight);
        for (int i = 0; i < 5; i++)
        {
            var block = blocks[i];
            Assert.Null(pruned.GetBlock(block.Height));
            Assert.Null(pruned.GetBlock(block.Hash));
            Assert.Null(pruned.GetCommit(block.Height));
            Assert.All(block.Txs, tx => Assert.Null(pruned.GetTx(tx.Hash)));
        }
        foreach (var block in blocks.Skip(5))
        {
            Assert.Equal(block.Hash, pruned.GetBlock(block.Height)!.Hash);
            Assert.NotNull(pruned.GetBlock(block.Hash));
            Assert.NotNull(pruned.GetCommit(block.Height));
            Assert.All(block.Txs, tx => Assert.Equal(block.Hash, pruned.GetTx(tx.Hash)!.BlockHash));
        }
        Assert.Equal(3, Pruning.Count(pruned, Column.Commits));
        Assert.Equal(6, Pruning.Count(pruned, Column.Receipts));
        Assert.Equal(6, Pruning.Count(pruned, Column.Txs));
        Assert.Equal(6, Pruning.Count(pruned, Column.Blocks)); // three blocks and their hash index entries
        TestBlocks.CommitNext(pruned, []); // the head's commit is kept: the next block's last commit comes from it
    }

    [Fact]
    public void AnArchive_RecordsNoBirths_UntilItIsFirstOpenedWithPruning_AndFromThenOnAlways()
    {
        var path = _dir.Sub("store");
        using var archive = Pruning.Open(_dir.Sub("archive"));
        var workload = new PruningWorkload(13);
        ulong h = 0;
        void Commit(ChainDatabase db, int blocks)
        {
            for (int i = 0; i < blocks; i++)
            {
                var changes = workload.Next(++h);
                TestBlocks.CommitNext(archive, changes);
                TestBlocks.CommitNext(db, changes);
            }
        }

        using (var plain = Pruning.Open(path))
        {
            Commit(plain, 10);
            Assert.Equal(0, Pruning.Count(plain, Column.StateNodeBirths)); // an archive pays nothing for pruning
        }
        using (var pruning = Pruning.Open(path, new ChainRetention(3, 0)))
        {
            Commit(pruning, 10);
            Assert.True(Pruning.Count(pruning, Column.StateNodeBirths) > 0);
            new ChainPruner(pruning).Prune(100);
        }
        using (var archiveAgain = Pruning.Open(path))
        {
            int births = Pruning.Count(archiveAgain, Column.StateNodeBirths);
            Commit(archiveAgain, 10); // recording goes on, so a node rewritten now never keeps a stale birth
            Assert.True(Pruning.Count(archiveAgain, Column.StateNodeBirths) > births);
        }
        using var prunedAgain = Pruning.Open(path, new ChainRetention(3, 0));
        Commit(prunedAgain, 10);
        new ChainPruner(prunedAgain).Prune(1000);
        Assert.Equal(h - 2, prunedAgain.EarliestStateHeight);
        var keys = workload.Keys.Append(AccountKeys.Account(Build.Alice.Address)).ToList();
        for (ulong k = h - 2; k <= h; k++) Pruning.AssertWhole(prunedAgain, archive, keys, k);
        // Nodes of the first ten heights carry no birth and stay (safe, not reclaimed); everything since is exact.
        var reachable = Pruning.Reachable(prunedAgain, [h - 2, h - 1, h]);
        Assert.True(reachable.IsSubsetOf(Pruning.StoredNodes(prunedAgain)));
        Assert.True(Pruning.StoredNodes(prunedAgain).Count < Pruning.Count(archive, Column.StateNodes));
    }
}
