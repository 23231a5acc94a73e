using Seratio.Core.Crypto;
using Seratio.Core.State;
using Seratio.Protocol;

namespace Seratio.Node.Chain;

/// <summary>
/// The authenticated structure over state that gives roots and proofs: the sparse Merkle tree
/// in a node, something simpler in tests. Nodes are content addressed and read through the
/// <see cref="ITreeNodeSource"/> it was made with. Implementations are thread safe for reads.
/// </summary>
public interface IStateCommitment
{
    /// <summary>Root of the empty state.</summary>
    Hash32 EmptyRoot { get; }

    /// <summary>Applies <paramref name="changes"/> (sorted by key, each once; null value deletes) to <paramref name="root"/>.</summary>
    TreeUpdate Apply(Hash32 root, IReadOnlyList<StateChange> changes);

    /// <summary>A proof of <paramref name="key"/> under <paramref name="root"/>; membership proofs carry no value yet.</summary>
    StateProof Prove(Hash32 root, Hash32 key);
}

/// <summary>The node's <see cref="IStateCommitment"/>: the <see cref="SparseMerkleTree"/>. Thread safe as the tree is.</summary>
public sealed class SparseMerkleCommitment(ITreeNodeSource nodes) : IStateCommitment
{
    private readonly SparseMerkleTree _tree = new(nodes);

    public Hash32 EmptyRoot => Hash32.Zero;

    public TreeUpdate Apply(Hash32 root, IReadOnlyList<StateChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var hashed = new KeyValuePair<Hash32, Hash32?>[changes.Count];
        for (int i = 0; i < changes.Count; i++)
        {
            var value = changes[i].Value;
            hashed[i] = new(changes[i].Key, value is null ? null : SparseMerkleTree.HashValue(value));
        }
        return _tree.Update(root, hashed);
    }

    public StateProof Prove(Hash32 root, Hash32 key) => _tree.Prove(root, key);
}
