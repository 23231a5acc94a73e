using Google.Protobuf;
using Seratio.Core.Crypto;
using Seratio.Core.State;
using Seratio.Core.Tests.Support;

namespace Seratio.Core.Tests.State;

public sealed class SparseMerkleTreePropertyTests
{
    private const int Runs = 150;

    [Fact]
    public void RandomBatches_GiveTheReferenceRoot_AndPersistExactlyTheNewNodes()
    {
        Property.ForAll(TreeScenario.Gen, scenario =>
        {
            var kit = new TreeTestKit();
            var model = new SortedDictionary<Hash32, byte[]>();
            foreach (var batch in scenario.Batches())
            {
                var previous = kit.Reachable(kit.Root);
                foreach (var (key, value) in batch)
                {
                    if (value is null) model.Remove(key);
                    else model[key] = value;
                }
                var update = kit.Apply(batch);

                Assert.Equal(ReferenceTree.Root(model), update.Root);
                foreach (var (hash, encoded) in update.NewNodes)
                {
                    Assert.DoesNotContain(hash, previous);
                    Assert.Equal(hash, encoded[0] == 0
                        ? SparseMerkleTree.HashLeaf(new Hash32(encoded.AsSpan(1, 32)), new Hash32(encoded.AsSpan(33, 32)))
                        : SparseMerkleTree.HashNode(new Hash32(encoded.AsSpan(1, 32)), new Hash32(encoded.AsSpan(33, 32))));
                }
                kit.Reachable(kit.Root); // every node of the new root is stored
            }
        }, Runs, stream: 1);
    }

    [Fact]
    public void Get_AgreesWithTheModel_ForPresentAndAbsentKeys()
    {
        Property.ForAll(TreeScenario.Gen, scenario =>
        {
            var kit = Build(scenario);
            var model = scenario.FinalState();
            foreach (var key in scenario.ProbeKeys())
            {
                var expected = model.TryGetValue(key, out var value) ? SparseMerkleTree.HashValue(value) : (Hash32?)null;
                Assert.Equal(expected, kit.Tree.Get(kit.Root, key));
            }
        }, Runs, stream: 2);
    }

    [Fact]
    public void EveryProof_OfPresentAndAbsentKeys_Verifies()
    {
        Property.ForAll(TreeScenario.Gen, scenario =>
        {
            var kit = Build(scenario);
            var model = scenario.FinalState();
            foreach (var key in scenario.ProbeKeys())
            {
                var proof = ProveFilled(kit, model, key);
                Assert.Equal(model.ContainsKey(key), proof.Exists);
                Assert.True(StateProofVerifier.Verify(kit.Root, proof, out var reason), $"{key}: {reason}");
            }
        }, Runs, stream: 3);
    }

    [Fact]
    public void EverySingleFieldTamper_OfAValidProof_IsRejected()
    {
        Property.ForAll(TreeScenario.Gen, scenario =>
        {
            var kit = Build(scenario);
            var model = scenario.FinalState();
            foreach (var key in scenario.ProbeKeys())
            {
                var proof = ProveFilled(kit, model, key);
                foreach (var (what, tampered) in ProofTampering.Tampers(proof))
                    Assert.False(StateProofVerifier.Verify(kit.Root, tampered, out _), $"{key}: tamper '{what}' was accepted");
            }
        }, Runs / 2, stream: 4);
    }

    [Fact]
    public void Root_DoesNotDependOnInsertionOrderOrBatchSplit()
    {
        Property.ForAll(TreeScenario.Gen, scenario =>
        {
            var final = scenario.FinalState();
            var byBatches = Build(scenario).Root;

            var oneBatch = new TreeTestKit();
            oneBatch.Apply(final.Select(p => (p.Key, (byte[]?)p.Value)));

            var oneByOneReversed = new TreeTestKit();
            foreach (var (key, value) in final.Reverse()) oneByOneReversed.Set((key, value));

            Assert.Equal(ReferenceTree.Root(final), oneBatch.Root);
            Assert.Equal(oneBatch.Root, byBatches);
            Assert.Equal(oneBatch.Root, oneByOneReversed.Root);
        }, Runs, stream: 5);
    }

    private static TreeTestKit Build(TreeScenario scenario)
    {
        var kit = new TreeTestKit();
        foreach (var batch in scenario.Batches()) kit.Apply(batch);
        return kit;
    }

    private static Protocol.StateProof ProveFilled(TreeTestKit kit, SortedDictionary<Hash32, byte[]> model, Hash32 key)
    {
        var proof = kit.Tree.Prove(kit.Root, key);
        if (proof.Exists) proof.Value = ByteString.CopyFrom(model[key]);
        return proof;
    }
}
