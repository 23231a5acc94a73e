using CsCheck;
using Seratio.Core.Storage;
using Seratio.Node.Storage;
using Seratio.Node.Tests.Chain;

namespace Seratio.Node.Tests.Storage;

public sealed class RocksDbStoreTests : IDisposable
{
    private readonly TempDir _dir = new();
    public void Dispose() => _dir.Dispose();

    private RocksDbStore Open() => new(_dir.Sub("db"), blockCacheBytes: 8UL << 20);

    private static void Put(IKeyValueStore store, Column column, byte[] key, byte[] value)
    {
        using var batch = store.CreateBatch();
        batch.Put(column, key, value);
        store.Write(batch, sync: false);
    }

    [Fact]
    public void Put_ThenGet_ReadsBackPerColumn()
    {
        using var store = Open();
        Put(store, Column.Blocks, [1, 2], [9]);
        Assert.Equal(new byte[] { 9 }, store.Get(Column.Blocks, [1, 2]));
        Assert.Null(store.Get(Column.Txs, [1, 2]));
        Assert.Null(store.Get(Column.Blocks, [1]));
    }

    [Fact]
    public void Write_Batch_AppliesPutsAndDeletesTogether()
    {
        using var store = Open();
        Put(store, Column.Meta, [1], [1]);
        using var batch = store.CreateBatch();
        batch.Put(Column.Meta, [2], [2]);
        batch.Put(Column.StateLatest, [3], [3]);
        batch.Delete(Column.Meta, [1]);
        Assert.Equal(3, batch.Count);
        Assert.Equal(new byte[] { 1 }, store.Get(Column.Meta, [1])); // nothing visible before Write
        Assert.Null(store.Get(Column.Meta, [2]));
        store.Write(batch, sync: true);
        Assert.Null(store.Get(Column.Meta, [1]));
        Assert.Equal(new byte[] { 2 }, store.Get(Column.Meta, [2]));
        Assert.Equal(new byte[] { 3 }, store.Get(Column.StateLatest, [3]));
    }

    [Fact]
    public void Write_BatchOfOtherStore_Throws()
    {
        using var store = Open();
        using var memory = new InMemoryKeyValueStore();
        using var batch = memory.CreateBatch();
        Assert.Throws<ArgumentException>(() => store.Write(batch, sync: false));
    }

    [Fact]
    public void Scan_ReturnsPrefixedEntriesInKeyOrderFromStart()
    {
        using var store = Open();
        foreach (var key in new byte[][] { [1, 5], [1, 1], [1, 3], [2, 0], [0, 9], [1, 0xFF] }) Put(store, Column.Indexes, key, key);
        Assert.Equal([[1, 1], [1, 3], [1, 5], [1, 0xFF]], store.Scan(Column.Indexes, [1], [0]).Select(e => e.Key));
        Assert.Equal([[1, 3], [1, 5], [1, 0xFF]], store.Scan(Column.Indexes, [1], [1, 2]).Select(e => e.Key));
        Assert.Empty(store.Scan(Column.Indexes, [3], []));
    }

    [Fact]
    public void SeekForPrev_FindsGreatestKeyAtOrBelowWithinPrefix()
    {
        using var store = Open();
        foreach (var key in new byte[][] { [1, 0, 1], [1, 0, 5], [1, 1, 0], [2, 0, 0] }) Put(store, Column.StateHistory, key, key);
        Assert.Equal(new byte[] { 1, 0, 5 }, store.SeekForPrev(Column.StateHistory, [1, 0], [1, 0, 7])!.Value.Key);
        Assert.Equal(new byte[] { 1, 0, 5 }, store.SeekForPrev(Column.StateHistory, [1, 0], [1, 0, 5])!.Value.Key);
        Assert.Equal(new byte[] { 1, 0, 1 }, store.SeekForPrev(Column.StateHistory, [1, 0], [1, 0, 4])!.Value.Key);
        Assert.Null(store.SeekForPrev(Column.StateHistory, [1, 0], [1, 0, 0]));
        // key past the prefix range, with other keys between: still the range's last entry
        Assert.Equal(new byte[] { 1, 0, 5 }, store.SeekForPrev(Column.StateHistory, [1, 0], [3])!.Value.Key);
        Assert.Null(store.SeekForPrev(Column.StateHistory, [0], [3]));
    }

    [Fact]
    public void Reopen_KeepsSyncedData()
    {
        using (var store = Open())
        {
            using var batch = store.CreateBatch();
            for (int i = 0; i < 100; i++) batch.Put(Column.Receipts, BitConverter.GetBytes(i), [(byte)i]);
            store.Write(batch, sync: true);
        }
        using var reopened = Open();
        for (int i = 0; i < 100; i++) Assert.Equal(new[] { (byte)i }, reopened.Get(Column.Receipts, BitConverter.GetBytes(i)));
        Assert.Equal(100, reopened.Scan(Column.Receipts, [], []).Count());
    }

    [Fact]
    public void Successor_IncrementsLastNonMaxByte()
    {
        Assert.Equal(new byte[] { 1, 3 }, RocksDbStore.Successor([1, 2]));
        Assert.Equal(new byte[] { 2 }, RocksDbStore.Successor([1, 0xFF]));
        Assert.Null(RocksDbStore.Successor([0xFF, 0xFF]));
    }

    [Fact]
    public void Operations_BehaveLikeTheInMemoryStore()
    {
        using var rocks = Open();
        using var memory = new InMemoryKeyValueStore();
        var bytes = Gen.Byte[0, 3].Array[0, 3];
        var op = Gen.Select(Gen.Int[0, 2], bytes, bytes);
        Gen.Select(op.Array[1, 8], bytes, bytes).Sample(sample =>
        {
            var (ops, prefix, probe) = sample;
            using (var rb = rocks.CreateBatch())
            using (var mb = memory.CreateBatch())
            {
                foreach (var (kind, key, value) in ops)
                {
                    if (kind == 0) { rb.Delete(Column.Blocks, key); mb.Delete(Column.Blocks, key); }
                    else { rb.Put(Column.Blocks, key, value); mb.Put(Column.Blocks, key, value); }
                }
                rocks.Write(rb, sync: false);
                memory.Write(mb, sync: false);
            }
            Assert.Equal(memory.Get(Column.Blocks, probe), rocks.Get(Column.Blocks, probe));
            Assert.Equal(memory.SeekForPrev(Column.Blocks, prefix, probe)?.Key, rocks.SeekForPrev(Column.Blocks, prefix, probe)?.Key);
            Assert.Equal(memory.Scan(Column.Blocks, prefix, probe).Select(e => e.Key), rocks.Scan(Column.Blocks, prefix, probe).Select(e => e.Key));
        }, iter: 300, threads: 1, seed: "0N0XIzNsQ0O2"); // one thread: both stores must see the same order of writes
    }

    [Fact]
    public void EveryCall_AfterDispose_ThrowsObjectDisposedException_NamingTheStore()
    {
        var store = Open();
        Put(store, Column.Blocks, [1], [1]);
        store.Dispose();
        var ex = Assert.Throws<ObjectDisposedException>(() => store.Get(Column.Blocks, [1]));
        Assert.Contains("closed", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ObjectDisposedException>(() => store.SeekForPrev(Column.Blocks, [1], [1]));
        Assert.Throws<ObjectDisposedException>(() => store.Scan(Column.Blocks, [], []).ToList());
        Assert.Throws<ObjectDisposedException>(() => store.CreateBatch());
        store.Dispose(); // twice is harmless
    }

    [Fact]
    public async Task Dispose_WaitsForAnOpenScan_ThenCloses()
    {
        var store = Open();
        Put(store, Column.Blocks, [1], [1]);
        Put(store, Column.Blocks, [2], [2]);
        using var scan = store.Scan(Column.Blocks, [], []).GetEnumerator();
        Assert.True(scan.MoveNext()); // the scan is inside the native database now

        var disposing = Task.Run(store.Dispose);
        Assert.NotSame(disposing, await Task.WhenAny(disposing, Task.Delay(300))); // not closed under an open scan
        Assert.True(scan.MoveNext()); // still readable: nothing was closed under it
        Assert.Equal(new byte[] { 2 }, scan.Current.Key);
        scan.Dispose();
        await disposing.WaitAsync(TimeSpan.FromSeconds(5)); // closes once the scan ended
        Assert.Throws<ObjectDisposedException>(() => store.Get(Column.Blocks, [1]));
        using var reopened = Open(); // the database was really closed (RocksDB holds a lock while open)
        Assert.Equal(new byte[] { 1 }, reopened.Get(Column.Blocks, [1]));
    }

    [Fact]
    public async Task Dispose_WaitsForAnOpenBatch()
    {
        var store = Open();
        var batch = store.CreateBatch();
        batch.Put(Column.Meta, [7], [7]);
        var disposing = Task.Run(store.Dispose);
        Assert.NotSame(disposing, await Task.WhenAny(disposing, Task.Delay(300))); // not closed under an open batch
        Assert.Throws<ObjectDisposedException>(() => store.Get(Column.Meta, [7])); // new calls are refused meanwhile
        batch.Dispose();
        await disposing.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
