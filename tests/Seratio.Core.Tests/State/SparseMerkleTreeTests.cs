using Seratio.Core.Crypto;
using Seratio.Core.State;
using static Seratio.Core.Tests.State.TreeTestKit;

namespace Seratio.Core.Tests.State;

public sealed class SparseMerkleTreeTests
{
    [Fact]
    public void EmptyTree_HasZeroRoot_AndNoValues()
    {
        var kit = new TreeTestKit();
        var update = kit.Tree.Update(Hash32.Zero, []);
        Assert.Equal(Hash32.Zero, update.Root);
        Assert.Empty(update.NewNodes);
        Assert.Null(kit.Tree.Get(Hash32.Zero, Key("01")));
    }

    [Fact]
    public void OneKeyTree_RootIsThatLeafsHash()
    {
        var kit = new TreeTestKit();
        var key = Key("ab");
        kit.Set((key, Bytes("v")));
        Assert.Equal(SparseMerkleTree.HashLeaf(key, SparseMerkleTree.HashValue(Bytes("v"))), kit.Root);
        Assert.Equal(1, kit.Nodes.Count);
    }

    [Fact]
    public void TwoKeysSharingTwoBits_HaveChainOfInternalNodesDownToTheirSplit()
    {
        var kit = new TreeTestKit();
        var a = Key("00"); // 0000...
        var b = Key("20"); // 0010...: shares bits 0 and 1 with a
        kit.Set((a, Bytes("a")), (b, Bytes("b")));
        var la = SparseMerkleTree.HashLeaf(a, SparseMerkleTree.HashValue(Bytes("a")));
        var lb = SparseMerkleTree.HashLeaf(b, SparseMerkleTree.HashValue(Bytes("b")));
        var split = SparseMerkleTree.HashNode(la, lb);
        var expected = SparseMerkleTree.HashNode(SparseMerkleTree.HashNode(split, Hash32.Zero), Hash32.Zero);
        Assert.Equal(expected, kit.Root);
    }

    [Fact]
    public void DeletingASibling_LiftsTheLoneLeafToTheRoot()
    {
        var kit = new TreeTestKit();
        var a = Key("00");
        var b = Key("01");
        var c = Key("80");
        kit.Set((a, Bytes("a")), (b, Bytes("b")), (c, Bytes("c")));
        kit.Set((a, null), (c, null));
        Assert.Equal(SparseMerkleTree.HashLeaf(b, SparseMerkleTree.HashValue(Bytes("b"))), kit.Root);
        kit.Set((b, null));
        Assert.Equal(Hash32.Zero, kit.Root);
    }

    [Fact]
    public void Update_ReturnsNoNodesThatAlreadyExist_WhenAValueIsRewrittenUnchanged()
    {
        var kit = new TreeTestKit();
        kit.Set((Key("00"), Bytes("a")), (Key("40"), Bytes("b")), (Key("80"), Bytes("c")));
        var before = kit.Root;
        var update = kit.Set((Key("40"), Bytes("b")));
        Assert.Equal(before, update.Root);
        Assert.Empty(update.NewNodes);
    }

    [Fact]
    public void Update_DeletingAnAbsentKey_LeavesTheRootAndCreatesNothing()
    {
        var kit = new TreeTestKit();
        kit.Set((Key("00"), Bytes("a")), (Key("80"), Bytes("c")));
        var before = kit.Root;
        var update = kit.Set((Key("01"), null), (Key("ff"), null));
        Assert.Equal(before, update.Root);
        Assert.Empty(update.NewNodes);
    }

    [Fact]
    public void Update_ChangingOneValue_CreatesOnlyTheLeafAndItsAncestors()
    {
        var kit = new TreeTestKit();
        kit.Set((Key("00"), Bytes("a")), (Key("40"), Bytes("b")), (Key("80"), Bytes("c")), (Key("c0"), Bytes("d")));
        var update = kit.Set((Key("40"), Bytes("B")));
        // leaf 01.. sits at depth 2 under root → node(0) → leaf: one leaf and two internal nodes.
        Assert.Equal(3, update.NewNodes.Count);
    }

    [Fact]
    public void Update_WithUnsortedChanges_Throws()
    {
        var tree = new SparseMerkleTree(new InMemoryTreeNodeSource());
        var v = SparseMerkleTree.HashValue([1]);
        Assert.Throws<ArgumentException>(() => tree.Update(Hash32.Zero, [new(Key("80"), v), new(Key("01"), v)]));
        Assert.Throws<ArgumentException>(() => tree.Update(Hash32.Zero, [new(Key("01"), v), new(Key("01"), null)]));
    }

    [Fact]
    public void Update_FromARootWhoseNodesAreMissing_ThrowsInvalidOperation()
    {
        var tree = new SparseMerkleTree(new InMemoryTreeNodeSource());
        var v = SparseMerkleTree.HashValue([1]);
        Assert.Throws<InvalidOperationException>(() => tree.Update(Key("77"), [new(Key("01"), v)]));
        Assert.Throws<InvalidOperationException>(() => tree.Get(Key("77"), Key("01")));
    }

    [Fact]
    public void PastRoots_StayReadable_AfterLaterUpdates()
    {
        var kit = new TreeTestKit();
        kit.Set((Key("00"), Bytes("a")), (Key("80"), Bytes("c")));
        var old = kit.Root;
        kit.Set((Key("00"), Bytes("a2")), (Key("80"), null), (Key("40"), Bytes("new")));
        Assert.Equal(SparseMerkleTree.HashValue(Bytes("c")), kit.Tree.Get(old, Key("80")));
        Assert.Equal(SparseMerkleTree.HashValue(Bytes("a")), kit.Tree.Get(old, Key("00")));
        Assert.Null(kit.Tree.Get(old, Key("40")));
        Assert.Equal(SparseMerkleTree.HashValue(Bytes("a2")), kit.Tree.Get(kit.Root, Key("00")));
        Assert.Null(kit.Tree.Get(kit.Root, Key("80")));
    }

    [Fact]
    public void KeysDifferingOnlyInTheLastBit_AreBothStoredAndProvable()
    {
        var kit = new TreeTestKit();
        var a = Key("00");
        var b = Hash32.Parse("0000000000000000000000000000000000000000000000000000000000000001");
        kit.Set((a, Bytes("a")), (b, Bytes("b")));
        Assert.Equal(SparseMerkleTree.HashValue(Bytes("b")), kit.Tree.Get(kit.Root, b));
        var proof = kit.Tree.Prove(kit.Root, b);
        proof.Value = Google.Protobuf.ByteString.CopyFrom(Bytes("b"));
        Assert.Equal(256u, proof.Depth);
        Assert.True(StateProofVerifier.Verify(kit.Root, proof, out var reason), reason);
    }

    [Fact]
    public void Update_ReadsEachStoredNodeAtMostOnce()
    {
        var kit = new TreeTestKit();
        var batch = new List<(Hash32, byte[]?)>();
        for (int i = 0; i < 2000; i++) batch.Add((HashedKey("k" + i), Bytes("v" + i)));
        kit.Apply(batch);
        var counting = new CountingSource(kit.Nodes);
        var changes = new SortedDictionary<Hash32, Hash32?>();
        for (int i = 0; i < 2000; i += 7) changes[HashedKey("k" + i)] = i % 2 == 0 ? null : SparseMerkleTree.HashValue(Bytes("w" + i));
        for (int i = 0; i < 300; i++) changes[HashedKey("n" + i)] = SparseMerkleTree.HashValue(Bytes("n" + i));
        new SparseMerkleTree(counting).Update(kit.Root, [.. changes]);
        Assert.True(counting.Reads.Count > 0);
        Assert.All(counting.Reads, pair => Assert.Equal(1, pair.Value));
    }

    private sealed class CountingSource(ITreeNodeSource inner) : ITreeNodeSource
    {
        public Dictionary<Hash32, int> Reads { get; } = [];

        public byte[]? GetNode(in Hash32 hash)
        {
            Reads[hash] = Reads.GetValueOrDefault(hash) + 1;
            return inner.GetNode(hash);
        }
    }
}
