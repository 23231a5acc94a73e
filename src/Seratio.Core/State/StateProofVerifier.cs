using Seratio.Core.Crypto;
using Seratio.Protocol;

namespace Seratio.Core.State;

/// <summary>
/// Checks a <see cref="StateProof"/> against a root with nothing but the proof: membership
/// (value given) or non-membership. Rejects non-canonical proofs (wrong lengths, stray bits,
/// zero siblings, fields that do not belong to the proof's kind). The algorithm is the one in
/// docs/state-proofs.md. Pure; thread safe.
/// </summary>
public static class StateProofVerifier
{
    public const int MaxDepth = 256;

    /// <summary>True when <paramref name="proof"/> proves its key's value (or absence) under <paramref name="root"/>; else <paramref name="reason"/> says what failed.</summary>
    public static bool Verify(Hash32 root, StateProof proof, out string reason)
    {
        if (proof is null) { reason = "no proof given"; return false; }
        if (proof.Key.Length != Hash32.Size) return Fail(out reason, $"key is {proof.Key.Length} bytes; a state key is {Hash32.Size} bytes");
        if (proof.Depth > MaxDepth) return Fail(out reason, $"depth {proof.Depth} exceeds the tree's {MaxDepth} levels");
        int depth = (int)proof.Depth;
        var bitmap = proof.SiblingBitmap.Span;
        int bitmapBytes = (depth + 7) / 8;
        if (bitmap.Length != bitmapBytes)
            return Fail(out reason, $"sibling bitmap is {bitmap.Length} bytes; depth {depth} needs exactly {bitmapBytes}");
        if (depth % 8 != 0 && (bitmap[^1] & (0xFF >> (depth % 8))) != 0)
            return Fail(out reason, $"sibling bitmap has bits set beyond depth {depth}");
        int marked = 0;
        foreach (byte b in bitmap) marked += System.Numerics.BitOperations.PopCount(b);
        if (marked != proof.Siblings.Count)
            return Fail(out reason, $"sibling bitmap marks {marked} non-empty siblings but the proof carries {proof.Siblings.Count}");
        for (int i = 0; i < proof.Siblings.Count; i++)
        {
            var sibling = proof.Siblings[i].Span;
            if (sibling.Length != Hash32.Size) return Fail(out reason, $"sibling {i} is {sibling.Length} bytes, not {Hash32.Size}");
            if (sibling.IndexOfAnyExcept((byte)0) < 0) return Fail(out reason, $"sibling {i} is the empty hash; empty siblings are marked by a clear bitmap bit, not listed");
        }

        var key = new Hash32(proof.Key.Span);
        if (!TryTerminal(root, proof, key, depth, out var hash, out reason)) return false;

        int next = 0;
        for (int d = depth - 1; d >= 0; d--)
        {
            var sibling = (bitmap[d >> 3] & (0x80 >> (d & 7))) != 0 ? new Hash32(proof.Siblings[next++].Span) : Hash32.Zero;
            hash = key.Bit(d) == 0 ? TreeHashing.Node(hash, sibling) : TreeHashing.Node(sibling, hash);
        }
        if (hash != root)
            return Fail(out reason, $"proof recomputes root {hash}, expected {root}");
        reason = "";
        return true;
    }

    /// <summary>The hash where the path ends: the key's leaf, another leaf, or the empty subtree.</summary>
    private static bool TryTerminal(in Hash32 root, StateProof proof, in Hash32 key, int depth, out Hash32 hash, out string reason)
    {
        hash = default;
        bool hasOtherLeaf = proof.OtherLeafKey.Length != 0 || proof.OtherLeafValueHash.Length != 0;
        if (proof.Exists)
        {
            if (hasOtherLeaf) return Fail(out reason, "a membership proof must not carry another leaf's key or value hash");
            hash = TreeHashing.Leaf(key, SparseMerkleTree.HashValue(proof.Value.Span));
            reason = "";
            return true;
        }
        if (proof.Value.Length != 0) return Fail(out reason, "a non-membership proof must not carry a value");
        if (!hasOtherLeaf)
        {
            if (depth == 0 && !root.IsZero)
                return Fail(out reason, "non-membership proof ends at an empty subtree at depth 0, but the root is not empty");
            hash = Hash32.Zero;
            reason = "";
            return true;
        }
        if (proof.OtherLeafKey.Length != Hash32.Size)
            return Fail(out reason, $"other leaf key is {proof.OtherLeafKey.Length} bytes, not {Hash32.Size}");
        if (proof.OtherLeafValueHash.Length != Hash32.Size)
            return Fail(out reason, $"other leaf value hash is {proof.OtherLeafValueHash.Length} bytes, not {Hash32.Size}");
        var otherKey = new Hash32(proof.OtherLeafKey.Span);
        if (otherKey == key) return Fail(out reason, "the other leaf has the proven key itself; that would be a membership proof");
        int shared = otherKey.CommonPrefixLength(key);
        if (shared < depth)
            return Fail(out reason, $"the other leaf shares only {shared} leading bits with the key; it must share the first {depth} to sit on the key's path");
        hash = TreeHashing.Leaf(otherKey, new Hash32(proof.OtherLeafValueHash.Span));
        reason = "";
        return true;
    }

    private static bool Fail(out string reason, string why)
    {
        reason = why;
        return false;
    }
}
