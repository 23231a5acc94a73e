using Seratio.Core.Storage;
using Seratio.Node.Chain;
using Seratio.Node.Chain.Retention;
using Seratio.Node.Storage;
using Seratio.Vm.Genesis;

namespace Seratio.Node.Tests.Chain.Retention;

/// <summary>
/// Pruning stopped at any point (between heights, or with a height's batch lost to a crash) leaves the kept heights
/// whole on a reopened RocksDB store, and pruning on from there ends exactly where an uninterrupted run ends.
/// </summary>
public sealed class ChainPrunerCrashTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(19)]
    public void BatchLostToACrash_ThenReopened_KeptHeightsWhole_AndPruningResumes(int prunedBeforeCrash)
    {
        var path = _dir.Sub("pruned");
        var retention = new ChainRetention(4, 0);
        using var archive = Pruning.Open(_dir.Sub("archive"));
        var workload = new PruningWorkload(5);
        const ulong Heights = 30;
        var store = new CrashingStore(new RocksDbStore(path));
        using (var db = new ChainDatabase(store, Build.Genesis(), GenesisState.Build, retention: retention))
        {
            for (ulong h = 1; h <= Heights; h++)
            {
                var changes = workload.Next(h);
                TestBlocks.CommitNext(archive, changes);
                TestBlocks.CommitNext(db, changes);
            }
            var pruner = new ChainPruner(db);
            for (int i = 0; i < prunedBeforeCrash; i++) Assert.True(pruner.PruneNextState());
            store.CrashOnNextWrite = true;
            Assert.Throws<IOException>(() => pruner.PruneNextState()); // the process "dies": this height's batch never lands
        }

        using var reopened = Pruning.Open(path, retention);
        Assert.Equal((ulong)prunedBeforeCrash, reopened.EarliestStateHeight);
        for (ulong h = reopened.EarliestStateHeight; h <= Heights; h++) Pruning.AssertWhole(reopened, archive, workload.Keys, h);

        new ChainPruner(reopened).Prune(1000);
        Assert.Equal(Heights - 3, reopened.EarliestStateHeight);
        for (ulong h = Heights - 3; h <= Heights; h++) Pruning.AssertWhole(reopened, archive, workload.Keys, h);
        var kept = Pruning.Reachable(reopened, [Heights - 3, Heights - 2, Heights - 1, Heights]);
        Assert.True(kept.SetEquals(Pruning.StoredNodes(reopened)), "resumed pruning left a different node set than the kept roots reach");
    }

    /// <summary>A RocksDB store whose next write, once armed, is dropped and fails, as if the process died before it.</summary>
    private sealed class CrashingStore(RocksDbStore inner) : IKeyValueStore
    {
        public bool CrashOnNextWrite { get; set; }
        public byte[]? Get(Column column, ReadOnlySpan<byte> key) => inner.Get(column, key);
        public KeyValuePair<byte[], byte[]>? SeekForPrev(Column column, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> key) => inner.SeekForPrev(column, prefix, key);
        public IEnumerable<KeyValuePair<byte[], byte[]>> Scan(Column column, byte[] prefix, byte[] from) => inner.Scan(column, prefix, from);
        public IWriteBatch CreateBatch() => inner.CreateBatch();

        public void Write(IWriteBatch batch, bool sync)
        {
            if (CrashOnNextWrite) throw new IOException("simulated crash before the batch reached the store");
            inner.Write(batch, sync);
        }

        public void Dispose() => inner.Dispose();
    }
}
