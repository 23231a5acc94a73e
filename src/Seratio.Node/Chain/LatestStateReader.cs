using Seratio.Core.Crypto;
using Seratio.Core.State;
using Seratio.Core.Storage;

namespace Seratio.Node.Chain;

/// <summary>
/// The latest committed state (column StateLatest) with a bounded read cache that commits
/// update in place; when the cache fills it is cleared (cheap, and the next blocks refill the
/// hot accounts). The cache never decides a value: a miss reads the store. Returned arrays are
/// shared with the cache: callers must not modify them. Thread safe.
/// </summary>
internal sealed class LatestStateReader(IKeyValueStore store, int capacity) : IStateReader
{
    private readonly Dictionary<Hash32, byte[]?> _cache = new();
    private readonly Lock _lock = new();
    private long _generation;

    public byte[]? Get(in Hash32 key)
    {
        long generation;
        lock (_lock)
        {
            if (_cache.TryGetValue(key, out var cached)) return cached;
            generation = _generation;
        }
        var value = store.Get(Column.StateLatest, key.ToArray());
        lock (_lock)
        {
            // A commit in between may have written a newer value: then do not cache what we read.
            if (generation == _generation) Put(key, value);
        }
        return value;
    }

    /// <summary>Called after a block's batch is durable, with that block's changes.</summary>
    public void Apply(IReadOnlyList<StateChange> changes)
    {
        lock (_lock)
        {
            _generation++;
            foreach (var change in changes) Put(change.Key, change.Value);
        }
    }

    private void Put(Hash32 key, byte[]? value)
    {
        if (_cache.Count >= capacity && !_cache.ContainsKey(key)) _cache.Clear();
        _cache[key] = value;
    }
}
