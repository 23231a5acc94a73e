using Google.Protobuf;
using Seratio.Core.Crypto;
using Seratio.Core.State;
using Seratio.Protocol;
using static Seratio.Core.Tests.State.TreeTestKit;

namespace Seratio.Core.Tests.State.Vectors;

/// <summary>
/// The committed test vectors of tests/vectors/state-proofs/, generated from their definitions
/// here. Each case is checked against the verifier while generating, so a file can only claim
/// what the C# verifier decides.
/// </summary>
internal static class StateProofVectorSet
{
    public static IReadOnlyList<VectorFile> All() => [EmptyTree(), SingleLeaf(), SmallTree(), HashedKeys()];

    private static VectorFile EmptyTree()
    {
        var t = new Builder([]);
        var absent = t.Absent(Key("5a"));
        return t.File("empty-tree.json", "The empty tree: root is 32 zero bytes; every key is absent with a depth-0 proof.",
        [
            t.Case("absent key, depth 0", absent, true, "empty tree: the path ends at the empty root immediately"),
            t.Case("membership claimed in the empty tree", With(absent, p => { p.Exists = true; p.Value = ByteString.CopyFromUtf8("x"); }), false,
                "leaf(key, H(value)) is not the zero root"),
            t.Case("other leaf claimed in the empty tree", With(absent, p => { p.OtherLeafKey = Key("5b").ToByteString(); p.OtherLeafValueHash = SparseMerkleTree.HashValue([1]).ToByteString(); }), false,
                "leaf(other key, other value hash) is not the zero root"),
        ]);
    }

    private static VectorFile SingleLeaf()
    {
        var key = Key("c3");
        var t = new Builder([(key, Bytes("only value"))]);
        var present = t.Present(key);
        var absent = t.Absent(Key("3c"));
        return t.File("single-leaf.json", "A one-key tree: the root is that key's leaf hash; proofs have depth 0 and no siblings.",
        [
            t.Case("present key, depth 0", present, true, "the root is leaf(key, H(value))"),
            t.Case("absent key ends at the other leaf, depth 0", absent, true, "the root is one leaf of a different key"),
            t.Case("absent key claimed to end at an empty root", With(absent, p => { p.OtherLeafKey = ByteString.Empty; p.OtherLeafValueHash = ByteString.Empty; }), false,
                "a non-membership proof that ends at an empty subtree at depth 0 is only valid for the zero root"),
            t.Case("present key with a wrong value", With(present, p => p.Value = ByteString.CopyFromUtf8("other value")), false,
                "the value hash changes the leaf hash"),
        ]);
    }

    private static VectorFile SmallTree()
    {
        // Bit 0 splits {k1,k2,k3} from {k4,k5,k6}; k1 and k2 differ only in the last bit (depth-256 leaves).
        var k1 = Hash32.Parse("0000000000000000000000000000000000000000000000000000000000000000");
        var k2 = Hash32.Parse("0000000000000000000000000000000000000000000000000000000000000001");
        var k3 = Key("40"); var k4 = Key("80"); var k5 = Key("c0"); var k6 = Key("c1");
        var t = new Builder([(k1, Bytes("one")), (k2, Bytes("two")), (k3, Bytes("three")), (k4, Bytes("four")), (k5, Bytes("five")), (k6, []) ]);
        var p1 = t.Present(k1);
        var p3 = t.Present(k3);
        var p6 = t.Present(k6);
        var emptyEnd = t.Absent(Key("20"));
        var otherEnd = t.Absent(Key("60"));
        return t.File("small-tree.json", "Six hand-picked keys: a 256-deep pair, leaves lifted to depth 1-8, internal nodes with one empty child. Includes tampered proofs.",
        [
            t.Case("present key at depth 256", p1, true, "k1 and k2 share 255 bits, so both leaves sit at depth 256"),
            t.Case("present key at depth 2", p3, true, "k3 is alone under prefix 01"),
            t.Case("present key with an empty value", p6, true, "the value may be empty; its hash is H(\"seratio/value\")"),
            t.Case("absent key ends at an empty subtree", emptyEnd, true, "prefix 001 is empty under the internal node of k1,k2"),
            t.Case("absent key ends at another leaf", otherEnd, true, "prefix 01 holds only k3, which differs from the key"),
            t.Case("sibling byte flipped", With(p3, p => p.Siblings[0] = FlipByte(p.Siblings[0], 0)), false, "recomputed root differs"),
            t.Case("value changed", With(p3, p => p.Value = ByteString.CopyFromUtf8("Three")), false, "recomputed root differs"),
            t.Case("bitmap bit cleared", With(p3, p => p.SiblingBitmap = FlipByte(p.SiblingBitmap, 0, 0x40)), false, "bitmap marks fewer siblings than listed"),
            t.Case("bitmap bit beyond depth set", With(p3, p => p.SiblingBitmap = FlipByte(p.SiblingBitmap, 0, 0x01)), false, "bits at levels >= depth must be zero"),
            t.Case("bitmap one byte too long", With(p3, p => p.SiblingBitmap = ByteString.CopyFrom([.. p.SiblingBitmap.ToByteArray(), 0])), false, "bitmap length must be ceil(depth/8)"),
            t.Case("depth plus one", With(p3, p => p.Depth++), false, "an extra level with an empty sibling changes the root"),
            t.Case("depth 257", With(p1, p => { p.Depth = 257; p.SiblingBitmap = ByteString.CopyFrom([.. p.SiblingBitmap.ToByteArray(), 0]); }), false, "the tree has 256 levels"),
            t.Case("exists flipped on a membership proof", With(p3, p => p.Exists = false), false, "a non-membership proof must not carry a value"),
            t.Case("exists flipped on a non-membership proof", With(emptyEnd, p => p.Exists = true), false, "leaf(key, H(empty)) is not in the tree"),
            t.Case("key bit inside the proven prefix flipped", With(emptyEnd, p => p.Key = FlipByte(p.Key, 0, 0x80)), false, "the path turns the other way at level 0"),
            t.Case("other leaf does not share the prefix", With(otherEnd, p => p.OtherLeafKey = k4.ToByteString()), false, "the other leaf must share the first depth bits with the key"),
            t.Case("other leaf is the key itself", With(otherEnd, p => p.OtherLeafKey = p.Key), false, "the other leaf must differ from the key"),
            t.Case("zero sibling listed", With(emptyEnd, p => { p.Siblings.Insert(0, Hash32.Zero.ToByteString()); p.SiblingBitmap = FlipByte(p.SiblingBitmap, 0, 0x20); }), false, "empty siblings are marked by a clear bit, never listed"),
            t.Case("short key", With(p3, p => p.Key = ByteString.CopyFrom(p.Key.ToByteArray()[..31])), false, "a key is 32 bytes"),
            t.Case("short sibling", With(p3, p => p.Siblings[0] = ByteString.CopyFrom(p.Siblings[0].ToByteArray()[..31])), false, "a sibling is 32 bytes"),
            t.Case("membership proof carrying another leaf", With(p3, p => { p.OtherLeafKey = k4.ToByteString(); p.OtherLeafValueHash = SparseMerkleTree.HashValue([1]).ToByteString(); }), false, "the fields of the two kinds do not mix"),
            t.Case("non-membership at depth 0 for a non-empty root", new StateProof { Key = Key("20").ToByteString(), Depth = 0, SiblingBitmap = ByteString.Empty }, false, "only the zero root is empty at depth 0"),
            t.Case("valid proof against another root", p3, false, "the proof recomputes this file's root, not the one given", Key("01")),
        ]);
    }

    private static VectorFile HashedKeys()
    {
        var entries = new List<(Hash32, byte[])>();
        for (int i = 0; i < 16; i++) entries.Add((HashedKey("key-" + i), Bytes("value-" + i)));
        var t = new Builder(entries);
        var cases = new List<VectorCase>();
        foreach (int i in new[] { 0, 7, 15 })
            cases.Add(t.Case($"present key-{i}", t.Present(HashedKey("key-" + i)), true, "membership"));
        for (int i = 0; i < 4; i++)
        {
            var proof = t.Absent(HashedKey("absent-" + i));
            var end = proof.OtherLeafKey.Length > 0 ? "another leaf" : "an empty subtree";
            cases.Add(t.Case($"absent-{i} ends at {end}", proof, true, "non-membership"));
        }
        cases.Add(t.Case("present key-7 with the last sibling flipped", With(t.Present(HashedKey("key-7")), p => p.Siblings[^1] = FlipByte(p.Siblings[^1], 31)), false, "recomputed root differs"));
        return t.File("hashed-keys.json", "Sixteen keys SHA-256(\"key-i\") with values \"value-i\" (ASCII), as state keys look in practice.", cases);
    }

    private static StateProof With(StateProof proof, Action<StateProof> change)
    {
        var copy = proof.Clone();
        change(copy);
        return copy;
    }

    private static ByteString FlipByte(ByteString bytes, int index, byte mask = 0x01)
    {
        var copy = bytes.ToByteArray();
        copy[index] ^= mask;
        return ByteString.CopyFrom(copy);
    }

    private sealed class Builder
    {
        private readonly TreeTestKit _kit = new();
        private readonly List<(Hash32 Key, byte[] Value)> _entries;

        public Builder(List<(Hash32 Key, byte[] Value)> entries)
        {
            _entries = entries;
            _kit.Apply(entries.Select(e => (e.Key, (byte[]?)e.Value)));
        }

        public StateProof Present(Hash32 key)
        {
            var proof = _kit.Tree.Prove(_kit.Root, key);
            if (!proof.Exists) throw new InvalidOperationException($"{key} should be present");
            proof.Value = ByteString.CopyFrom(_entries.Single(e => e.Key == key).Value);
            return proof;
        }

        public StateProof Absent(Hash32 key)
        {
            var proof = _kit.Tree.Prove(_kit.Root, key);
            if (proof.Exists) throw new InvalidOperationException($"{key} should be absent");
            return proof;
        }

        public VectorCase Case(string name, StateProof proof, bool valid, string why, Hash32? root = null)
        {
            var against = root ?? _kit.Root;
            if (StateProofVerifier.Verify(against, proof, out var reason) != valid)
                throw new InvalidOperationException($"vector case '{name}' should be {(valid ? "valid" : "invalid")}: {reason}");
            return new VectorCase(name, valid, why, against, proof);
        }

        public VectorFile File(string name, string description, IReadOnlyList<VectorCase> cases) =>
            new(name, description, _entries, _kit.Root, cases);
    }
}
