using System.Security.Cryptography;
using Seratio.Core.Crypto;
using Seratio.Core.Merkle;

namespace Seratio.Core.Tests.Merkle;

public sealed class BinaryMerkleTests
{
    private static byte[] Leaf(string item) => SHA256.HashData([.. "seratio/merkle-leaf"u8.ToArray(), .. System.Text.Encoding.ASCII.GetBytes(item)]);
    private static byte[] Node(byte[] left, byte[] right) => SHA256.HashData([.. "seratio/merkle-node"u8.ToArray(), .. left, .. right]);

    private static Hash32 Root(params string[] items) =>
        BinaryMerkle.Root(items.Select(i => (ReadOnlyMemory<byte>)System.Text.Encoding.ASCII.GetBytes(i)).ToArray());

    [Fact]
    public void NoItems_GiveTheZeroHash() => Assert.Equal(Hash32.Zero, Root());

    [Fact]
    public void OneItem_IsItsLeafHash() => Assert.Equal(new Hash32(Leaf("a")), Root("a"));

    [Fact]
    public void TwoItems_AreOneNode() => Assert.Equal(new Hash32(Node(Leaf("a"), Leaf("b"))), Root("a", "b"));

    [Fact]
    public void ThreeItems_SplitTwoThenOne() =>
        Assert.Equal(new Hash32(Node(Node(Leaf("a"), Leaf("b")), Leaf("c"))), Root("a", "b", "c"));

    [Fact]
    public void FiveItems_SplitFourThenOne()
    {
        var four = Node(Node(Leaf("a"), Leaf("b")), Node(Leaf("c"), Leaf("d")));
        Assert.Equal(new Hash32(Node(four, Leaf("e"))), Root("a", "b", "c", "d", "e"));
    }

    [Fact]
    public void OrderMatters() => Assert.NotEqual(Root("a", "b"), Root("b", "a"));
}
