using Seratio.Core.Crypto;

namespace Seratio.Core.State;

/// <summary>
/// One batched update of the state tree: a recursive rebuild of exactly the paths the sorted
/// changes touch. Every touched internal node is read once and hashed once; unchanged
/// subtrees are kept by hash and read only when a deletion may have to lift a lone leaf out
/// of them. Single use, not thread safe.
/// </summary>
internal sealed class TreeUpdater
{
    private readonly ITreeNodeSource _source;
    private readonly Hash32[] _keys;
    private readonly Hash32?[] _values;
    private readonly List<KeyValuePair<Hash32, byte[]>> _created;

    public TreeUpdater(ITreeNodeSource source, IReadOnlyList<KeyValuePair<Hash32, Hash32?>> changes)
    {
        _source = source;
        int n = changes.Count;
        _keys = new Hash32[n];
        _values = new Hash32?[n];
        for (int i = 0; i < n; i++)
        {
            var change = changes[i];
            if (i > 0 && change.Key <= _keys[i - 1])
                throw new ArgumentException($"Changes must be sorted by key, each key once: entry {i} ({change.Key}) does not follow {_keys[i - 1]}.", nameof(changes));
            _keys[i] = change.Key;
            _values[i] = change.Value;
        }
        _created = new List<KeyValuePair<Hash32, byte[]>>(Math.Max(4, n * 3));
    }

    public TreeUpdate Run(Hash32 root)
    {
        if (_keys.Length == 0) return new TreeUpdate(root, []);
        var result = UpdateSubtree(root, 0, 0, _keys.Length);
        return new TreeUpdate(result.Hash, _created);
    }

    private Subtree UpdateSubtree(in Hash32 hash, int depth, int lo, int hi)
    {
        if (lo == hi) return Subtree.Unread(hash);
        if (hash.IsZero) return Build(depth, lo, hi, default, -1);

        var node = Read(hash);
        if (!node.IsLeaf)
        {
            int mid = Split(lo, hi, depth);
            var left = UpdateSubtree(node.Left, depth + 1, lo, mid);
            var right = UpdateSubtree(node.Right, depth + 1, mid, hi);
            return Combine(left, right, hash);
        }

        var existing = Subtree.Leaf(hash, node.Key, node.ValueHash);
        int at = Array.BinarySearch(_keys, lo, hi - lo, node.Key);
        if (at < 0) return Build(depth, lo, hi, existing, -1);
        var newValue = _values[at];
        // Rewriting the same value keeps the stored leaf (it must not be reported as new).
        if (newValue is { } v && v == node.ValueHash) return Build(depth, lo, hi, existing, at);
        return Build(depth, lo, hi, default, -1);
    }

    /// <summary>
    /// Builds the subtree at <paramref name="depth"/> holding the live (non-deleting) changes of
    /// [lo, hi) except <paramref name="skip"/>, plus <paramref name="extra"/> when it is a leaf
    /// that already exists in the store.
    /// </summary>
    private Subtree Build(int depth, int lo, int hi, in Subtree extra, int skip)
    {
        bool hasExtra = extra.Kind == SubtreeKind.Leaf;
        int first = -1, live = hasExtra ? 1 : 0;
        for (int i = lo; i < hi && live < 2; i++)
        {
            if (_values[i] is null || i == skip) continue;
            if (first < 0) first = i;
            live++;
        }
        if (live == 0) return Subtree.Empty;
        if (live == 1)
        {
            if (hasExtra) return extra;
            var key = _keys[first];
            var valueHash = _values[first]!.Value;
            return Subtree.Leaf(Emit(TreeNode.Leaf(key, valueHash)), key, valueHash);
        }

        int mid = Split(lo, hi, depth);
        bool extraGoesLeft = hasExtra && extra.Key.Bit(depth) == 0;
        var left = Build(depth + 1, lo, mid, extraGoesLeft ? extra : default, skip);
        var right = Build(depth + 1, mid, hi, hasExtra && !extraGoesLeft ? extra : default, skip);
        return Combine(left, right, Hash32.Zero);
    }

    /// <summary>Joins two rebuilt halves, lifting a lone leaf over an empty sibling (compression).</summary>
    private Subtree Combine(Subtree left, Subtree right, in Hash32 previous)
    {
        if (left.Kind == SubtreeKind.Empty)
        {
            if (right.Kind == SubtreeKind.Empty) return Subtree.Empty;
            right = Resolve(right);
            if (right.Kind == SubtreeKind.Leaf) return right;
        }
        else if (right.Kind == SubtreeKind.Empty)
        {
            left = Resolve(left);
            if (left.Kind == SubtreeKind.Leaf) return left;
        }

        var hash = TreeHashing.Node(left.Hash, right.Hash);
        if (hash != previous) _created.Add(new(hash, TreeNode.Internal(left.Hash, right.Hash).Encode()));
        return Subtree.Internal(hash);
    }

    private Subtree Resolve(in Subtree subtree)
    {
        if (subtree.Kind != SubtreeKind.Unread) return subtree;
        var node = Read(subtree.Hash);
        return node.IsLeaf ? Subtree.Leaf(subtree.Hash, node.Key, node.ValueHash) : Subtree.Internal(subtree.Hash);
    }

    private Hash32 Emit(in TreeNode node)
    {
        var hash = node.ComputeHash();
        _created.Add(new(hash, node.Encode()));
        return hash;
    }

    /// <summary>First index in [lo, hi) whose key has bit <paramref name="depth"/> set (keys there share the bits above).</summary>
    private int Split(int lo, int hi, int depth)
    {
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_keys[mid].Bit(depth) == 0) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private TreeNode Read(in Hash32 hash) => TreeNodeReader.Read(_source, hash);

    private enum SubtreeKind : byte { Empty, Leaf, Internal, Unread }

    /// <summary>A rebuilt subtree: its hash and, when known to be one leaf, that leaf's key and value hash.</summary>
    private readonly struct Subtree
    {
        private Subtree(SubtreeKind kind, Hash32 hash, Hash32 key, Hash32 valueHash) =>
            (Kind, Hash, Key, ValueHash) = (kind, hash, key, valueHash);

        public SubtreeKind Kind { get; }
        public Hash32 Hash { get; }
        public Hash32 Key { get; }
        public Hash32 ValueHash { get; }

        public static Subtree Empty => default;
        public static Subtree Leaf(Hash32 hash, Hash32 key, Hash32 valueHash) => new(SubtreeKind.Leaf, hash, key, valueHash);
        public static Subtree Internal(Hash32 hash) => new(SubtreeKind.Internal, hash, default, default);
        /// <summary>An unchanged subtree not read yet (hash zero = empty).</summary>
        public static Subtree Unread(Hash32 hash) => hash.IsZero ? default : new(SubtreeKind.Unread, hash, default, default);
    }
}

/// <summary>Reads and decodes nodes, turning a missing node into a clear broken-invariant error.</summary>
internal static class TreeNodeReader
{
    public static TreeNode Read(ITreeNodeSource source, in Hash32 hash)
    {
        var bytes = source.GetNode(hash)
            ?? throw new InvalidOperationException($"State tree node {hash} is missing from the node store (pruned root, or a root that was never written).");
        return TreeNode.Decode(bytes, hash);
    }
}
