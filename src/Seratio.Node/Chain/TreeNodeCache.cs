using System.Collections.Concurrent;
using Seratio.Core.Crypto;

namespace Seratio.Node.Chain;

/// <summary>
/// State tree nodes kept in memory by hash: the nodes a block writes are the ones the next
/// blocks read first (the top of the tree above all), and a RocksDB read costs far more than a
/// dictionary hit. Nodes are content addressed and immutable, so a cached node is never stale;
/// when the cache holds <c>capacity</c> nodes it is emptied (cheap; the next block refills the
/// hot part). Holds only nodes that are durable in the store. Thread safe.
/// </summary>
internal sealed class TreeNodeCache(int capacity)
{
    private readonly ConcurrentDictionary<Hash32, byte[]> _nodes = new();
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public bool TryGet(in Hash32 hash, out byte[] node) => _nodes.TryGetValue(hash, out node!);

    public void Add(in Hash32 hash, byte[] node)
    {
        if (capacity == 0) return;
        if (Volatile.Read(ref _count) >= capacity)
        {
            _nodes.Clear();
            Volatile.Write(ref _count, 0);
        }
        if (_nodes.TryAdd(hash, node)) Interlocked.Increment(ref _count);
    }
}
