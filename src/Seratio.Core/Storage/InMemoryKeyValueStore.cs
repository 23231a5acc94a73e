namespace Seratio.Core.Storage;

/// <summary>An <see cref="IKeyValueStore"/> in memory for tests and simulation. Thread safe (one lock).</summary>
public sealed class InMemoryKeyValueStore : IKeyValueStore
{
    private readonly Dictionary<Column, SortedDictionary<byte[], byte[]>> _columns = new();
    private readonly Lock _lock = new();

    public InMemoryKeyValueStore()
    {
        foreach (var column in Columns.All) _columns[column] = new SortedDictionary<byte[], byte[]>(ByteComparer.Instance);
    }

    public byte[]? Get(Column column, ReadOnlySpan<byte> key)
    {
        lock (_lock) return _columns[column].TryGetValue(key.ToArray(), out var value) ? value : null;
    }

    public KeyValuePair<byte[], byte[]>? SeekForPrev(Column column, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> key)
    {
        var k = key.ToArray();
        var p = prefix.ToArray();
        lock (_lock)
        {
            KeyValuePair<byte[], byte[]>? best = null;
            foreach (var entry in _columns[column])
            {
                if (ByteComparer.Instance.Compare(entry.Key, k) > 0) break;
                if (entry.Key.AsSpan().StartsWith(p)) best = entry;
            }
            return best;
        }
    }

    public IEnumerable<KeyValuePair<byte[], byte[]>> Scan(Column column, byte[] prefix, byte[] from)
    {
        List<KeyValuePair<byte[], byte[]>> result;
        lock (_lock)
            result = _columns[column]
                .Where(e => ByteComparer.Instance.Compare(e.Key, from) >= 0 && e.Key.AsSpan().StartsWith(prefix))
                .ToList();
        return result;
    }

    public IWriteBatch CreateBatch() => new Batch();

    public void Write(IWriteBatch batch, bool sync)
    {
        var b = (Batch)batch;
        lock (_lock)
            foreach (var (column, key, value) in b.Ops)
            {
                if (value is null) _columns[column].Remove(key);
                else _columns[column][key] = value;
            }
    }

    public void Dispose() { }

    private sealed class Batch : IWriteBatch
    {
        public List<(Column Column, byte[] Key, byte[]? Value)> Ops { get; } = new();
        public int Count => Ops.Count;
        public void Put(Column column, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value) => Ops.Add((column, key.ToArray(), value.ToArray()));
        public void Delete(Column column, ReadOnlySpan<byte> key) => Ops.Add((column, key.ToArray(), null));
        public void Dispose() { }
    }
}

/// <summary>Unsigned lexicographic order of byte arrays, as RocksDB's default comparator.</summary>
public sealed class ByteComparer : IComparer<byte[]>, IEqualityComparer<byte[]>
{
    public static readonly ByteComparer Instance = new();
    public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);
    public int GetHashCode(byte[] obj)
    {
        var hash = new HashCode();
        hash.AddBytes(obj);
        return hash.ToHashCode();
    }
}
