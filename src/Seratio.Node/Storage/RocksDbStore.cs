using RocksDbSharp;
using Seratio.Core.Storage;
using IWriteBatch = Seratio.Core.Storage.IWriteBatch;

namespace Seratio.Node.Storage;

/// <summary>
/// <see cref="IKeyValueStore"/> on RocksDB: one column family per <see cref="Column"/> (named by
/// <see cref="Columns.Name"/>), created when missing. Thread safe for concurrent readers and
/// writers (RocksDB's guarantee), and safe against <see cref="Dispose"/>: the native database closes
/// only once no call, open scan or batch is inside it, and every call after Dispose throws
/// <see cref="ObjectDisposedException"/>, never reaching a closed database (whose reads could
/// otherwise come back empty, as if data were missing).
/// </summary>
public sealed class RocksDbStore : IKeyValueStore
{
    private readonly RocksDb _db;
    private readonly ColumnFamilyHandle[] _handles;
    private readonly WriteOptions _syncWrite = new WriteOptions().SetSync(true);
    private readonly WriteOptions _asyncWrite = new WriteOptions().SetSync(false);
    private readonly ReadOptions _read = new();
    private readonly Cache _blockCache;
    private readonly ManualResetEventSlim _idle = new(false);
    private int _disposed;
    private int _inside; // calls, scans and batches using the native database now

    /// <summary>How long <see cref="Dispose"/> waits for calls still inside before it leaves the database to the process exit.</summary>
    public static readonly TimeSpan DisposeWait = TimeSpan.FromSeconds(10);

    /// <summary>Opens (or creates) the store in <paramref name="path"/>; an <see cref="IOException"/> when another process holds it.</summary>
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
        try
        {
            _db = RocksDb.Open(options, path, families);
        }
        catch (RocksDbException ex) when (ex.Message.Contains("LOCK", StringComparison.Ordinal))
        {
            // RocksDB takes an exclusive lock on the file LOCK (both of its refusals name it): the commonest cause is a
            // second node started on the same home.
            throw new IOException($"the database in {path} is held by another node (is one already running on this home?): {ex.Message}", ex);
        }
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

    public byte[]? Get(Column column, ReadOnlySpan<byte> key)
    {
        using var inside = Enter();
        return _db.Get(key, _handles[(int)column]);
    }

    public KeyValuePair<byte[], byte[]>? SeekForPrev(Column column, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> key)
    {
        using var inside = Enter();
        using var it = _db.NewIterator(_handles[(int)column], _read);
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
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var start = ByteComparer.Instance.Compare(from, prefix) > 0 ? from : prefix;
        return ScanFrom(column, prefix, start);
    }

    // Inside the store from the first MoveNext to the enumerator's disposal (foreach disposes it).
    private IEnumerable<KeyValuePair<byte[], byte[]>> ScanFrom(Column column, byte[] prefix, byte[] start)
    {
        using var inside = Enter();
        using var it = _db.NewIterator(_handles[(int)column], _read);
        for (it.Seek(start); it.Valid(); it.Next())
        {
            if (!it.GetKeySpan().StartsWith(prefix)) yield break;
            yield return new(it.Key(), it.Value());
        }
    }

    public IWriteBatch CreateBatch() => new Batch(this, Enter());

    public void Write(IWriteBatch batch, bool sync)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch is not Batch b || b.Owner != this) throw new ArgumentException("The batch was not created by this store.", nameof(batch));
        using var inside = Enter();
        _db.Write(b.Inner, sync ? _syncWrite : _asyncWrite);
    }

    /// <summary>
    /// Refuses new calls, waits up to <see cref="DisposeWait"/> for those inside to leave, then closes
    /// the database. Should one stay inside longer (a scan never disposed), the database is left open for
    /// the process exit to close: its write-ahead log holds every write, and closing under a reader would
    /// free memory it still uses.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        if (Volatile.Read(ref _inside) != 0 && !_idle.Wait(DisposeWait)) return;
        _db.Dispose(); // closes the column family handles, flushes nothing unsynced away: the WAL holds it
    }

    /// <summary>Enters the native database, or throws <see cref="ObjectDisposedException"/> once Dispose began.</summary>
    private Inside Enter()
    {
        // Dispose sets _disposed then reads _inside; a call increments _inside then reads _disposed:
        // with both interlocked, either the call sees Dispose and backs out, or Dispose sees the call and waits.
        Interlocked.Increment(ref _inside);
        if (Volatile.Read(ref _disposed) != 0)
        {
            Leave();
            throw new ObjectDisposedException(nameof(RocksDbStore), $"the chain store at {Path} is closed (the node is stopping)");
        }
        return new Inside(this);
    }

    private void Leave()
    {
        if (Interlocked.Decrement(ref _inside) == 0 && Volatile.Read(ref _disposed) != 0) _idle.Set();
    }

    /// <summary>One stay inside the native database (a struct: reads allocate nothing for it); dispose it once.</summary>
    private readonly struct Inside(RocksDbStore store) : IDisposable
    {
        public void Dispose() => store.Leave();
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

    /// <summary>A write batch; it keeps the store from closing (its puts name column family handles) until disposed.</summary>
    private sealed class Batch(RocksDbStore owner, Inside inside) : IWriteBatch
    {
        public RocksDbStore Owner { get; } = owner;
        public WriteBatch Inner { get; } = new();
        public int Count => Inner.Count();
        public void Put(Column column, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value) => Inner.Put(key, value, Owner._handles[(int)column]);
        public void Delete(Column column, ReadOnlySpan<byte> key) => Inner.Delete(key, Owner._handles[(int)column]);

        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            Inner.Dispose();
            inside.Dispose();
        }
    }
}
