using Seratio.Core.Crypto;

namespace Seratio.Core.State;

/// <summary>
/// One batched update of the state tree: a recursive rebuild of exactly the paths the sorted
/// changes touch. Every touched internal node is read once and hashed once; unchanged
/// subtrees are kept by hash and read only when a deletion may have to lift a lone leaf out
/// of them. On 4 cores or more the top levels split their halves across cores (<see cref="Parallel.Invoke(Action[])"/>);
/// each half collects its nodes in its own list and the lists are joined left, right, parent,
/// which is exactly the sequential order, so the result does not depend on timing.
/// Single use; <see cref="Run"/> must not be called concurrently.
/// </summary>
internal sealed class TreeUpdater
{
    private readonly ITreeNodeSource _source;
    private readonly Hash32[] _keys;
    private readonly Hash32?[] _values;
    private readonly int _parallelDepth;

    /// <summary>Fewest cores on which the top halves are computed side by side.</summary>
    private const int MinCoresToSplit = 4;

    /// <summary>Fewest changes on a side that is worth a work item of its own.</summary>
    private const int ParallelThreshold = 256;

    /// <param name="parallelDepth">Levels split across cores; null = chosen from the core count (tests force it).</param>
    public TreeUpdater(ITreeNodeSource source, IReadOnlyList<KeyValuePair<Hash32, Hash32?>> changes, int? parallelDepth = null)
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
        // Enough halves for every core (2^depth ≥ 2 × cores) from 4 cores on. Below, a node's other
        // core is busy verifying signatures, and measured on 2 cores the split cost more than it
        // gave (benchmarks/RESULTS.md: 10,000 keys over 1,000,000, 228-288 ms split vs 148 ms not).
        _parallelDepth = parallelDepth
            ?? (Environment.ProcessorCount < MinCoresToSplit ? 0 : 1 + (int)Math.Ceiling(Math.Log2(Environment.ProcessorCount)));
    }

    public TreeUpdate Run(Hash32 root)
    {
        if (_keys.Length == 0) return new TreeUpdate(root, []);
        var created = new NodeSink(Math.Max(4, _keys.Length * 3));
        var result = UpdateSubtree(root, 0, 0, _keys.Length, created);
        return new TreeUpdate(result.Hash, created.ToList());
    }

    private Subtree UpdateSubtree(in Hash32 hash, int depth, int lo, int hi, NodeSink created)
    {
        if (lo == hi) return Subtree.Unread(hash);
        if (hash.IsZero) return Build(depth, lo, hi, default, -1, created);

        var node = Read(hash);
        if (!node.IsLeaf)
        {
            int mid = Split(lo, hi, depth);
            if (!SideBySide(depth, lo, mid, hi))
            {
                var left = UpdateSubtree(node.Left, depth + 1, lo, mid, created);
                var right = UpdateSubtree(node.Right, depth + 1, mid, hi, created);
                return Combine(left, right, hash, created);
            }
            var halves = UpdateHalvesSideBySide(node, depth, lo, mid, hi, created);
            return Combine(halves.Left, halves.Right, hash, created);
        }

        var existing = Subtree.Leaf(hash, node.Key, node.ValueHash);
        int at = Array.BinarySearch(_keys, lo, hi - lo, node.Key);
        if (at < 0) return Build(depth, lo, hi, existing, -1, created);
        var newValue = _values[at];
        // Rewriting the same value keeps the stored leaf (it must not be reported as new).
        if (newValue is { } v && v == node.ValueHash) return Build(depth, lo, hi, existing, at, created);
        return Build(depth, lo, hi, default, -1, created);
    }

    /// <summary>True near the top of a big update, where both halves are worth a core each.</summary>
    private bool SideBySide(int depth, int lo, int mid, int hi) =>
        depth < _parallelDepth && mid - lo >= ParallelThreshold && hi - mid >= ParallelThreshold;

    // Kept apart from the recursion so that only these calls allocate the lambdas' closures.
    private (Subtree Left, Subtree Right) UpdateHalvesSideBySide(TreeNode node, int depth, int lo, int mid, int hi, NodeSink created) =>
        Halves(lo, mid, hi, created,
            list => UpdateSubtree(node.Left, depth + 1, lo, mid, list),
            list => UpdateSubtree(node.Right, depth + 1, mid, hi, list));

    private (Subtree Left, Subtree Right) BuildHalvesSideBySide(int depth, int lo, int mid, int hi, Subtree leftExtra, Subtree rightExtra, int skip,
        NodeSink created) =>
        Halves(lo, mid, hi, created,
            list => Build(depth + 1, lo, mid, leftExtra, skip, list),
            list => Build(depth + 1, mid, hi, rightExtra, skip, list));

    /// <summary>
    /// Computes both halves side by side, each into its own sink forked from <paramref name="created"/>
    /// at this point, so the left half's nodes come before the right's, as in a sequential run.
    /// </summary>
    private static (Subtree Left, Subtree Right) Halves(int lo, int mid, int hi, NodeSink created,
        Func<NodeSink, Subtree> left, Func<NodeSink, Subtree> right)
    {
        var (leftNodes, rightNodes) = created.Fork((mid - lo) * 3, (hi - mid) * 3);
        Subtree leftResult = default, rightResult = default;
        Parallel.Invoke(() => leftResult = left(leftNodes), () => rightResult = right(rightNodes));
        return (leftResult, rightResult);
    }

    /// <summary>
    /// Builds the subtree at <paramref name="depth"/> holding the live (non-deleting) changes of
    /// [lo, hi) except <paramref name="skip"/>, plus <paramref name="extra"/> when it is a leaf
    /// that already exists in the store.
    /// </summary>
    private Subtree Build(int depth, int lo, int hi, in Subtree extra, int skip, NodeSink created)
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
            return Subtree.Leaf(Emit(TreeNode.Leaf(key, valueHash), created), key, valueHash);
        }

        int mid = Split(lo, hi, depth);
        bool extraGoesLeft = hasExtra && extra.Key.Bit(depth) == 0;
        var leftExtra = extraGoesLeft ? extra : default;
        var rightExtra = hasExtra && !extraGoesLeft ? extra : default;
        if (!SideBySide(depth, lo, mid, hi))
        {
            var left = Build(depth + 1, lo, mid, leftExtra, skip, created);
            var right = Build(depth + 1, mid, hi, rightExtra, skip, created);
            return Combine(left, right, Hash32.Zero, created);
        }
        var halves = BuildHalvesSideBySide(depth, lo, mid, hi, leftExtra, rightExtra, skip, created);
        return Combine(halves.Left, halves.Right, Hash32.Zero, created);
    }

    /// <summary>Joins two rebuilt halves, lifting a lone leaf over an empty sibling (compression).</summary>
    private Subtree Combine(Subtree left, Subtree right, in Hash32 previous, NodeSink created)
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
        if (hash != previous) created.Add(new(hash, TreeNode.Internal(left.Hash, right.Hash).Encode()));
        return Subtree.Internal(hash);
    }

    private Subtree Resolve(in Subtree subtree)
    {
        if (subtree.Kind != SubtreeKind.Unread) return subtree;
        var node = Read(subtree.Hash);
        return node.IsLeaf ? Subtree.Leaf(subtree.Hash, node.Key, node.ValueHash) : Subtree.Internal(subtree.Hash);
    }

    private static Hash32 Emit(in TreeNode node, NodeSink created)
    {
        var hash = node.ComputeHash();
        created.Add(new(hash, node.Encode()));
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

/// <summary>
/// Collects the nodes an update creates, in creation order, without copying a half's nodes
/// into its parent's list: a fork records where two child sinks go, and <see cref="ToList"/>
/// flattens everything once. One writer per sink; a forked pair may be filled concurrently.
/// </summary>
internal sealed class NodeSink(int capacity)
{
    private readonly List<object> _parts = []; // closed List<KeyValuePair<Hash32, byte[]>> chunks and child sinks, in order
    private List<KeyValuePair<Hash32, byte[]>> _open = new(capacity);

    public void Add(KeyValuePair<Hash32, byte[]> node) => _open.Add(node);

    /// <summary>Two sinks whose nodes come after everything added so far and before anything added later.</summary>
    public (NodeSink Left, NodeSink Right) Fork(int leftCapacity, int rightCapacity)
    {
        var left = new NodeSink(leftCapacity);
        var right = new NodeSink(rightCapacity);
        _parts.Add(_open);
        _parts.Add(left);
        _parts.Add(right);
        _open = new List<KeyValuePair<Hash32, byte[]>>(16);
        return (left, right);
    }

    public int Count
    {
        get
        {
            int count = _open.Count;
            foreach (var part in _parts) count += part is NodeSink sink ? sink.Count : ((List<KeyValuePair<Hash32, byte[]>>)part).Count;
            return count;
        }
    }

    public List<KeyValuePair<Hash32, byte[]>> ToList()
    {
        if (_parts.Count == 0) return _open;
        var all = new List<KeyValuePair<Hash32, byte[]>>(Count);
        CopyTo(all);
        return all;
    }

    private void CopyTo(List<KeyValuePair<Hash32, byte[]>> target)
    {
        foreach (var part in _parts)
            if (part is NodeSink sink) sink.CopyTo(target);
            else target.AddRange((List<KeyValuePair<Hash32, byte[]>>)part);
        target.AddRange(_open);
    }
}
