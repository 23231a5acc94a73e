using Seratio.Core.Crypto;

namespace Seratio.Core.State;

/// <summary>
/// What one version of the state tree held that the next no longer holds: the stored nodes of
/// <c>olderRoot</c> missing from <c>newerRoot</c>, and the keys whose leaf went with them (the key's
/// value changed, or the key was deleted). A pruner deletes those nodes once the older version falls
/// out of its window. Only the changed paths are walked: unchanged subtrees share a hash and are
/// skipped at once. An internal node hashes its children only, yet it can sit at one depth alone (its
/// two halves split on that depth's bit, and a node one level deeper holds keys that agree on that
/// bit), so an internal node of the older tree is in the newer one only at the same place; a leaf can
/// move (lifted over a deleted sibling, pushed down by a new neighbour), so a leaf is looked up along
/// its key's path in the newer tree. Reads through the source it is given; pure and thread safe when
/// that source is.
/// </summary>
public static class TreeDiff
{
    /// <summary>
    /// The nodes of <paramref name="olderRoot"/> that <paramref name="newerRoot"/> does not hold, and the
    /// keys of its leaves among them. Throws <see cref="InvalidOperationException"/> when a node of either
    /// root is missing from <paramref name="source"/>.
    /// </summary>
    public static TreeDiffResult Removed(ITreeNodeSource source, Hash32 olderRoot, Hash32 newerRoot)
    {
        ArgumentNullException.ThrowIfNull(source);
        var result = new TreeDiffResult();
        Walk(source, olderRoot, NewSide.Of(source, newerRoot), 0, result);
        return result;
    }

    /// <param name="newer">The newer tree restricted to the keys under the older node's place.</param>
    private static void Walk(ITreeNodeSource source, in Hash32 older, in NewSide newer, int depth, TreeDiffResult result)
    {
        if (older.IsZero || (newer.Kind == NewKind.Internal && older == newer.Hash) || (newer.Kind == NewKind.Leaf && older == newer.Hash)) return;
        if (depth > StateProofVerifier.MaxDepth) throw new InvalidDataException($"State tree under {older} is deeper than {StateProofVerifier.MaxDepth} levels.");
        var node = TreeNodeReader.Read(source, older);
        if (node.IsLeaf)
        {
            var found = newer.FindLeaf(source, node.Key, depth);
            if (found is { } leaf && leaf == older) return; // moved, still held
            result.Nodes.Add(older);
            result.Keys.Add(new TreeDiffKey(node.Key, Deleted: found is null));
            return;
        }
        result.Nodes.Add(older);
        Walk(source, node.Left, newer.Child(source, depth, right: false), depth + 1, result);
        Walk(source, node.Right, newer.Child(source, depth, right: true), depth + 1, result);
    }

    private enum NewKind : byte { Empty, Leaf, Internal }

    /// <summary>
    /// The newer tree below one place: empty, one leaf (which may be stored higher up, lifted over empty
    /// siblings) or the internal node stored at that place.
    /// </summary>
    private readonly struct NewSide
    {
        private NewSide(NewKind kind, Hash32 hash, TreeNode node) => (Kind, Hash, _node) = (kind, hash, node);

        private readonly TreeNode _node;

        public NewKind Kind { get; }
        public Hash32 Hash { get; }

        public static NewSide Of(ITreeNodeSource source, in Hash32 hash)
        {
            if (hash.IsZero) return default;
            var node = TreeNodeReader.Read(source, hash);
            return new NewSide(node.IsLeaf ? NewKind.Leaf : NewKind.Internal, hash, node);
        }

        /// <summary>This side's half at the next depth.</summary>
        public NewSide Child(ITreeNodeSource source, int depth, bool right) => Kind switch
        {
            NewKind.Internal => Of(source, right ? _node.Right : _node.Left),
            NewKind.Leaf => (_node.Key.Bit(depth) == 1) == right ? this : default,
            _ => default,
        };

        /// <summary>The hash of the leaf holding <paramref name="key"/> below this place, if any.</summary>
        public Hash32? FindLeaf(ITreeNodeSource source, in Hash32 key, int depth)
        {
            var side = this;
            for (int d = depth; ; d++)
            {
                switch (side.Kind)
                {
                    case NewKind.Empty: return null;
                    case NewKind.Leaf: return side._node.Key == key ? side.Hash : null;
                }
                if (d > StateProofVerifier.MaxDepth) throw new InvalidDataException($"State tree under {Hash} is deeper than {StateProofVerifier.MaxDepth} levels.");
                side = side.Child(source, d, key.Bit(d) == 1);
            }
        }
    }
}

/// <summary>The result of <see cref="TreeDiff.Removed"/>: node hashes in walk order, and the keys whose leaf left. Not thread safe.</summary>
public sealed class TreeDiffResult
{
    /// <summary>Stored nodes of the older root that the newer root does not hold.</summary>
    public List<Hash32> Nodes { get; } = [];

    /// <summary>Keys whose older leaf the newer root does not hold: changed value, or deleted.</summary>
    public List<TreeDiffKey> Keys { get; } = [];
}

/// <summary>A key whose leaf left the tree between two versions; <see cref="Deleted"/> when the newer version holds no value for it.</summary>
public readonly record struct TreeDiffKey(Hash32 Key, bool Deleted);
