using Seratio.Core.Crypto;

namespace Seratio.Node.P2P.Gossip;

/// <summary>
/// The payload hashes a gossip channel has seen recently, each with the peer it first came from
/// (none when this node broadcast it first). Bounded: past <c>capacity</c> entries the least
/// recently seen is forgotten, so memory stays fixed however much a peer sends. Thread safe (one lock).
/// </summary>
public sealed class SeenCache
{
    private readonly object _gate = new();
    private readonly int _capacity;
    private readonly Dictionary<Hash32, LinkedListNode<Entry>> _index;
    private readonly LinkedList<Entry> _order = new(); // most recent first

    public SeenCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
        _index = new Dictionary<Hash32, LinkedListNode<Entry>>(capacity);
    }

    public int Count { get { lock (_gate) return _index.Count; } }

    /// <summary>
    /// Records a payload received from <paramref name="from"/>. True when it is new (deliver it);
    /// false when it was seen before (drop it), in which case it becomes most recent again.
    /// </summary>
    public bool TryAddReceived(Hash32 hash, PeerId from) => TryAdd(hash, from);

    /// <summary>
    /// Records a payload this node sends. Returns the peer it was first received from, if any, so
    /// a re-broadcast skips that peer.
    /// </summary>
    public PeerId? MarkBroadcast(Hash32 hash)
    {
        lock (_gate)
        {
            if (_index.TryGetValue(hash, out var node))
            {
                Touch(node);
                return node.Value.Origin;
            }
            Add(hash, null);
            return null;
        }
    }

    public bool Contains(Hash32 hash) { lock (_gate) return _index.ContainsKey(hash); }

    /// <summary>Forgets a payload, so that the same bytes received again are new (delivered once more).</summary>
    public void Forget(Hash32 hash)
    {
        lock (_gate)
        {
            if (!_index.Remove(hash, out var node)) return;
            _order.Remove(node);
        }
    }

    private bool TryAdd(Hash32 hash, PeerId? origin)
    {
        lock (_gate)
        {
            if (_index.TryGetValue(hash, out var node)) { Touch(node); return false; }
            Add(hash, origin);
            return true;
        }
    }

    // Caller holds _gate.
    private void Add(Hash32 hash, PeerId? origin)
    {
        if (_index.Count >= _capacity)
        {
            var oldest = _order.Last!;
            _order.RemoveLast();
            _index.Remove(oldest.Value.Hash);
        }
        _index[hash] = _order.AddFirst(new Entry(hash, origin));
    }

    // Caller holds _gate.
    private void Touch(LinkedListNode<Entry> node)
    {
        if (node == _order.First) return;
        _order.Remove(node);
        _order.AddFirst(node);
    }

    private readonly record struct Entry(Hash32 Hash, PeerId? Origin);
}
