namespace Seratio.Core.Storage;

/// <summary>
/// An ordered key-value store with column families and atomic write batches: RocksDB in a
/// node, <see cref="InMemoryKeyValueStore"/> in unit tests and simulation. Keys are ordered by
/// unsigned bytewise comparison. Implementations are safe for concurrent readers with one writer.
/// </summary>
public interface IKeyValueStore : IDisposable
{
    byte[]? Get(Column column, ReadOnlySpan<byte> key);

    /// <summary>The entry with the greatest key ≤ <paramref name="key"/> among keys starting with <paramref name="prefix"/>, if any.</summary>
    KeyValuePair<byte[], byte[]>? SeekForPrev(Column column, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> key);

    /// <summary>Entries with key ≥ <paramref name="from"/> in key order, while they start with <paramref name="prefix"/>.</summary>
    IEnumerable<KeyValuePair<byte[], byte[]>> Scan(Column column, byte[] prefix, byte[] from);

    IWriteBatch CreateBatch();

    /// <summary>Applies every write of <paramref name="batch"/> atomically; with <paramref name="sync"/> it is durable on return.</summary>
    void Write(IWriteBatch batch, bool sync);
}

/// <summary>Writes collected for one atomic <see cref="IKeyValueStore.Write"/>. Not thread safe.</summary>
public interface IWriteBatch : IDisposable
{
    void Put(Column column, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value);
    void Delete(Column column, ReadOnlySpan<byte> key);
    int Count { get; }
}
