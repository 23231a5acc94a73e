using System.Security.Cryptography;
using Seratio.Core.Crypto;

namespace Seratio.Core.State;

/// <summary>
/// One stored node of the state tree, decoded. A leaf holds a key and its value hash; an
/// internal node holds the hashes of its two children (<see cref="Hash32.Zero"/> = empty).
/// Encoding (the value stored under the node's hash): leaf = 0x00 || key || valueHash,
/// internal = 0x01 || leftHash || rightHash, 65 bytes either way. Immutable.
/// </summary>
internal readonly struct TreeNode
{
    public const int EncodedSize = 1 + 2 * Hash32.Size;
    public const byte LeafTag = 0x00;
    public const byte InternalTag = 0x01;

    private TreeNode(bool isLeaf, Hash32 first, Hash32 second) => (IsLeaf, First, Second) = (isLeaf, first, second);

    public bool IsLeaf { get; }
    /// <summary>Leaf: the key. Internal: the left child's hash.</summary>
    public Hash32 First { get; }
    /// <summary>Leaf: the value hash. Internal: the right child's hash.</summary>
    public Hash32 Second { get; }

    public Hash32 Key => First;
    public Hash32 ValueHash => Second;
    public Hash32 Left => First;
    public Hash32 Right => Second;

    public static TreeNode Leaf(Hash32 key, Hash32 valueHash) => new(true, key, valueHash);
    public static TreeNode Internal(Hash32 left, Hash32 right) => new(false, left, right);

    /// <summary>Decodes a stored node; throws <see cref="InvalidDataException"/> when the bytes are not a node (a corrupt store).</summary>
    public static TreeNode Decode(ReadOnlySpan<byte> encoded, in Hash32 hash)
    {
        if (encoded.Length != EncodedSize || encoded[0] > InternalTag)
            throw new InvalidDataException($"State tree node {hash} is corrupt: {encoded.Length} bytes, tag {(encoded.Length > 0 ? encoded[0] : -1)}.");
        return new TreeNode(encoded[0] == LeafTag, new Hash32(encoded.Slice(1, Hash32.Size)), new Hash32(encoded.Slice(1 + Hash32.Size, Hash32.Size)));
    }

    public byte[] Encode()
    {
        var bytes = new byte[EncodedSize];
        bytes[0] = IsLeaf ? LeafTag : InternalTag;
        First.CopyTo(bytes.AsSpan(1));
        Second.CopyTo(bytes.AsSpan(1 + Hash32.Size));
        return bytes;
    }

    public Hash32 ComputeHash() => IsLeaf ? TreeHashing.Leaf(First, Second) : TreeHashing.Node(First, Second);
}

/// <summary>
/// The state tree's hash functions (docs/state-proofs.md), allocation free:
/// leaf = SHA-256("seratio/leaf" || key || valueHash), node = SHA-256("seratio/node" || left || right).
/// Thread safe.
/// </summary>
internal static class TreeHashing
{
    private static readonly byte[] LeafTag = Domains.StateLeaf.Tag;
    private static readonly byte[] NodeTag = Domains.StateNode.Tag;

    public static Hash32 Leaf(in Hash32 key, in Hash32 valueHash) => Pair(LeafTag, key, valueHash);

    public static Hash32 Node(in Hash32 left, in Hash32 right) => Pair(NodeTag, left, right);

    private static Hash32 Pair(byte[] tag, in Hash32 a, in Hash32 b)
    {
        Span<byte> buffer = stackalloc byte[32 + 2 * Hash32.Size];
        tag.CopyTo(buffer);
        a.CopyTo(buffer[tag.Length..]);
        b.CopyTo(buffer[(tag.Length + Hash32.Size)..]);
        Span<byte> output = stackalloc byte[Hash32.Size];
        SHA256.HashData(buffer[..(tag.Length + 2 * Hash32.Size)], output);
        return new Hash32(output);
    }
}
