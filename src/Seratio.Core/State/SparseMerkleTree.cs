using Seratio.Core.Crypto;
using Seratio.Protocol;

namespace Seratio.Core.State;

/// <summary>Where tree nodes are read from (content addressed: node hash → encoded node).</summary>
public interface ITreeNodeSource
{
    byte[]? GetNode(in Hash32 hash);
}

/// <summary>
/// The authenticated sparse Merkle tree over 256-bit keys with compressed paths
/// (docs/state-proofs.md). Empty tree root = <see cref="Hash32.Zero"/>. Nodes are immutable and
/// content addressed, so every past root stays readable while its nodes are kept. The tree
/// holds no state of its own: it is as thread safe as its <see cref="ITreeNodeSource"/> for
/// reads; each <see cref="Update"/> call only returns nodes, the caller persists them.
/// </summary>
public sealed class SparseMerkleTree(ITreeNodeSource nodes)
{
    /// <summary>
    /// Applies <paramref name="changes"/> (sorted by key, each key once; a null value hash deletes)
    /// to the tree at <paramref name="root"/>; returns the new root and the nodes to persist.
    /// Nodes that already exist unchanged are not returned. Throws <see cref="ArgumentException"/>
    /// when the changes are not strictly sorted, <see cref="InvalidOperationException"/> when a
    /// node of <paramref name="root"/> is missing.
    /// </summary>
    public TreeUpdate Update(Hash32 root, IReadOnlyList<KeyValuePair<Hash32, Hash32?>> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return new TreeUpdater(_nodes, changes).Run(root);
    }

    /// <summary>The value hash stored under <paramref name="key"/> in the tree at <paramref name="root"/>, if any.</summary>
    public Hash32? Get(Hash32 root, Hash32 key)
    {
        var hash = root;
        for (int depth = 0; !hash.IsZero; depth++)
        {
            var node = TreeNodeReader.Read(_nodes, hash);
            if (node.IsLeaf) return node.Key == key ? node.ValueHash : null;
            if (depth >= 256) throw new InvalidDataException($"State tree under {root} is deeper than 256 levels.");
            hash = key.Bit(depth) == 0 ? node.Left : node.Right;
        }
        return null;
    }

    /// <summary>A membership or non-membership proof; for membership the caller fills <c>Value</c>.</summary>
    public StateProof Prove(Hash32 root, Hash32 key) => StateProofBuilder.Build(_nodes, root, key);

    /// <summary>Value hash of a leaf value: SHA-256("seratio/value" || value).</summary>
    public static Hash32 HashValue(ReadOnlySpan<byte> value) => Hashing.Hash(Domains.StateValue, value);

    /// <summary>Leaf hash: SHA-256("seratio/leaf" || key || valueHash). The root of a one-key tree.</summary>
    public static Hash32 HashLeaf(Hash32 key, Hash32 valueHash) => TreeHashing.Leaf(key, valueHash);

    /// <summary>Internal node hash: SHA-256("seratio/node" || left || right).</summary>
    public static Hash32 HashNode(Hash32 left, Hash32 right) => TreeHashing.Node(left, right);

    private readonly ITreeNodeSource _nodes = nodes ?? throw new ArgumentNullException(nameof(nodes));
}

/// <summary>A new root and the nodes created to reach it (node hash → encoded node).</summary>
public sealed record TreeUpdate(Hash32 Root, IReadOnlyList<KeyValuePair<Hash32, byte[]>> NewNodes);
