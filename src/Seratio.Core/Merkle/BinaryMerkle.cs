using Seratio.Core.Crypto;

namespace Seratio.Core.Merkle;

/// <summary>
/// The binary Merkle root over a list of byte strings (a block's transactions or receipts),
/// as in RFC 6962: leaf = H("seratio/merkle-leaf" || item), node = H("seratio/merkle-node" ||
/// left || right), the split at the largest power of two below n. Empty list: <see cref="Hash32.Zero"/>.
/// </summary>
public static class BinaryMerkle
{
    public static Hash32 Root(IReadOnlyList<ReadOnlyMemory<byte>> items)
    {
        if (items.Count == 0) return Hash32.Zero;
        var level = new Hash32[items.Count];
        for (int i = 0; i < items.Count; i++) level[i] = Hashing.Hash(Domains.MerkleLeaf, items[i].Span);
        return RootOfHashes(level, 0, level.Length);
    }

    private static Hash32 RootOfHashes(Hash32[] leaves, int start, int count)
    {
        if (count == 1) return leaves[start];
        int split = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)count) / 2;
        var left = RootOfHashes(leaves, start, split);
        var right = RootOfHashes(leaves, start + split, count - split);
        Span<byte> l = stackalloc byte[Hash32.Size], r = stackalloc byte[Hash32.Size];
        left.CopyTo(l);
        right.CopyTo(r);
        return Hashing.Hash(Domains.MerkleNode, l, r);
    }
}
