using RocksDbSharp;
using Seratio.Core.Storage;
using IWriteBatch = Seratio.Core.Storage.IWriteBatch;

namespace Seratio.Node.Storage;

/// <summary>
/// <see cref="IKeyValueStore"/> on RocksDB: one column family per <see cref="Column"/> (named by
/// <see cref="Columns.Name"/>), created when missing. Thread safe for concurrent readers and
/// writers (RocksDB's guarantee); <see cref="Dispose"/> must not race other calls.
/// </summary>
public sealed class RocksDbStore : IKeyValueStore
{
    private readonly RocksDb _db;
    private readonly ColumnFamilyHandle[] _handles;
    private readonly WriteOptions _syncWrite = new WriteOptions().SetSync(true);
    private readonly WriteOptions _asyncWrite = new WriteOptions().SetSync(false);
    private readonly ReadOptions _read = new();
    private readonly Cache _blockCache;
    private int _disposed;

    /// <summary>Opens (or creates) the store in <paramref name="path"/>.</summary>
    /// <param name="blockCacheBytes">Shared LRU block cache for all column families.</param>
    public RocksDbStore(string path, ulong blockCacheBytes = 128UL << 20)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Directory.CreateDirectory(path);
        Path = path;
        _blockCache = Cache.CreateLru(blockCacheBytes);
        var options = new DbOptions()
            .SetCreateIfMissing(true)
            .SetCreateMissingColumnFamilies(true)
            .IncreaseParallelism(Math.Max(2, Environment.ProcessorCount))
            .SetMaxBackgroundFlushes(1)
            .SetBytesPerSync(1UL << 20)
            .SetMaxOpenFiles(512);
        var families = new ColumnFamilies(ColumnOptions(_blockCache));
        foreach (var column in Columns.All) families.Add(Columns.Name(column), ColumnOptions(_blockCache));
        _db = RocksDb.Open(options, path, families);
        _handles = new ColumnFamilyHandle[Columns.All.Count];
        foreach (var column in Columns.All) _handles[(int)column] = _db.GetColumnFamily(Columns.Name(column));
    }

    public string Path { get; }

    // Large memtables let a block's batch land in memory; LZ4 is cheap on the write path.
    private static ColumnFamilyOptions ColumnOptions(Cache cache) => new ColumnFamilyOptions()
        .SetWriteBufferSize(64UL << 20)
        .SetMaxWriteBufferNumber(3)
        .SetCompression(Compression.Lz4)
        .SetBlockBasedTableFactory(new BlockBasedTableOptions()
            .SetBlockCache(cache)
            .SetBlockSize(16 * 1024)
            .SetFilterPolicy(BloomFilterPolicy.Create(10, false))
            .SetCacheIndexAndFilterBlocks(true));

    public byte[]? Get(Column column, ReadOnlySpan<byte> key) => _db.Get(key, Handle(column));

    public KeyValuePair<byte[], byte[]>? SeekForPrev(Column column, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> key)
    {
        using var it = _db.NewIterator(Handle(column), _read);
        it.SeekForPrev(key);
        if (!it.Valid()) return null;
        var found = it.GetKeySpan();
        if (found.StartsWith(prefix)) return new(it.Key(), it.Value());
        if (found.SequenceCompareTo(prefix) < 0) return null; // everything ≤ key lies before the prefix range
        // The entry found lies after the prefix range (key is beyond it): take the range's last entry.
        var successor = Successor(prefix);
        if (successor is null) it.SeekToLast();
        else
        {
            it.Seek(successor);
            if (it.Valid()) it.Prev();
            else it.SeekToLast();
        }
        return it.Valid() && it.GetKeySpan().StartsWith(prefix) ? new(it.Key(), it.Value()) : null;
    }

    public IEnumerable<KeyValuePair<byte[], byte[]>> Scan(Column column, byte[] prefix, byte[] from)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(from);
        var start = ByteComparer.Instance.Compare(from, prefix) > 0 ? from : prefix;
        return ScanFrom(Handle(column), prefix, start);
    }

    private IEnumerable<KeyValuePair<byte[], byte[]>> ScanFrom(ColumnFamilyHandle handle, byte[] prefix, byte[] start)
    {
        using var it = _db.NewIterator(handle, _read);
        for (it.Seek(start); it.Valid(); it.Next())
        {
            if (!it.GetKeySpan().StartsWith(prefix)) yield break;
            yield return new(it.Key(), it.Value());
        }
    }

    public IWriteBatch CreateBatch() => new Batch(this);

    public void Write(IWriteBatch batch, bool sync)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch is not Batch b || b.Owner != this) throw new ArgumentException("The batch was not created by this store.", nameof(batch));
        _db.Write(b.Inner, sync ? _syncWrite : _asyncWrite);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _db.Dispose(); // closes the column family handles, flushes nothing unsynced away: the WAL holds it
    }

    private ColumnFamilyHandle Handle(Column column)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return _handles[(int)column];
    }

    /// <summary>The smallest key greater than every key starting with <paramref name="prefix"/>; null when there is none (all 0xFF).</summary>
    internal static byte[]? Successor(ReadOnlySpan<byte> prefix)
    {
        for (int i = prefix.Length - 1; i >= 0; i--)
        {
            if (prefix[i] == 0xFF) continue;
            var result = prefix[..(i + 1)].ToArray();
            result[i]++;
            return result;
        }
        return null;
    }

    private sealed class Batch(RocksDbStore owner) : IWriteBatch
    {
        public RocksDbStore Owner { get; } = owner;
        public WriteBatch Inner { get; } = new();
        public int Count => Inner.Count();
        public void Put(Column column, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value) => Inner.Put(key, value, Owner.Handle(column));
        public void Delete(Column column, ReadOnlySpan<byte> key) => Inner.Delete(key, Owner.Handle(column));
        public void Dispose() => Inner.Dispose();
    }
}
