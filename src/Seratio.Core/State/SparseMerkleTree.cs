using Seratio.Core.Crypto;
using Seratio.Protocol;

namespace Seratio.Core.State;

/// <summary>Where tree nodes are read from (content addressed: node hash → encoded node).</summary>
public interface ITreeNodeSource
{
    byte[]? GetNode(in Hash32 hash);
}

/// <summary>
/// CONTRACT ONLY — implementation pending (issue 2, state tree work).
/// The authenticated sparse Merkle tree over 256-bit keys with compressed paths
/// (docs/state-proofs.md). Empty tree root = <see cref="Hash32.Zero"/>. Nodes are immutable and
/// content addressed, so every past root stays readable while its nodes are kept.
/// </summary>
public sealed class SparseMerkleTree(ITreeNodeSource nodes)
{
    /// <summary>
    /// Applies <paramref name="changes"/> (sorted by key, each key once; a null value hash deletes)
    /// to the tree at <paramref name="root"/>; returns the new root and the nodes to persist.
    /// </summary>
    public TreeUpdate Update(Hash32 root, IReadOnlyList<KeyValuePair<Hash32, Hash32?>> changes) => throw new NotImplementedException();

    /// <summary>The value hash stored under <paramref name="key"/> in the tree at <paramref name="root"/>, if any.</summary>
    public Hash32? Get(Hash32 root, Hash32 key) => throw new NotImplementedException();

    /// <summary>A membership or non-membership proof; for membership the caller fills <c>Value</c>.</summary>
    public StateProof Prove(Hash32 root, Hash32 key) => throw new NotImplementedException();

    /// <summary>Value hash of a leaf value: SHA-256("seratio/value" || value).</summary>
    public static Hash32 HashValue(ReadOnlySpan<byte> value) => Hashing.Hash(Domains.StateValue, value);

    private readonly ITreeNodeSource _nodes = nodes;
}

/// <summary>A new root and the nodes created to reach it (node hash → encoded node).</summary>
public sealed record TreeUpdate(Hash32 Root, IReadOnlyList<KeyValuePair<Hash32, byte[]>> NewNodes);

/// <summary>
/// CONTRACT ONLY — implementation pending. Checks a <see cref="StateProof"/> against a root with
/// nothing but the proof: membership (value given) or non-membership. Pure; thread safe.
/// </summary>
public static class StateProofVerifier
{
    /// <summary>True when <paramref name="proof"/> proves its key's value (or absence) under <paramref name="root"/>; else <paramref name="reason"/> says what failed.</summary>
    public static bool Verify(Hash32 root, StateProof proof, out string reason) => throw new NotImplementedException();
}
