using Seratio.Core.Crypto;
using Seratio.Core.State;
using static Seratio.Core.Tests.State.TreeTestKit;

namespace Seratio.Core.Tests.State;

/// <summary>
/// Big batches are split across cores near the top of the tree; these tests pin that the split
/// changes nothing: the same root as the reference definition, and the same nodes in the same
/// order as small (never split) batches would give.
/// </summary>
public sealed class SparseMerkleTreeParallelTests
{
    [Fact]
    public void Update_OfABigBatch_GivesTheReferenceRoot_ForInsertsUpdatesAndDeletes()
    {
        var kit = new TreeTestKit();
        var state = new SortedDictionary<Hash32, byte[]>();
        var first = Enumerable.Range(0, 6_000).Select(i => (HashedKey($"k{i}"), (byte[]?)Bytes($"v{i}"))).ToList();
        kit.Apply(first);
        foreach (var (key, value) in first) state[key] = value!;
        Assert.Equal(ReferenceTree.Root(state), kit.Root);

        // Updates, deletions and inserts, thousands on each side of the top split.
        var second = new List<(Hash32 Key, byte[]? Value)>();
        for (int i = 0; i < 6_000; i += 3) second.Add((HashedKey($"k{i}"), null));
        for (int i = 1; i < 6_000; i += 3) second.Add((HashedKey($"k{i}"), Bytes($"w{i}")));
        for (int i = 6_000; i < 9_000; i++) second.Add((HashedKey($"k{i}"), Bytes($"v{i}")));
        kit.Apply(second);
        foreach (var (key, value) in second)
            if (value is null) state.Remove(key);
            else state[key] = value;
        Assert.Equal(ReferenceTree.Root(state), kit.Root);
    }

    [Fact]
    public void Update_OfABigBatch_ReturnsTheSameNodesInTheSameOrder_EveryTime()
    {
        var kit = new TreeTestKit();
        kit.Apply(Enumerable.Range(0, 4_000).Select(i => (HashedKey($"a{i}"), (byte[]?)Bytes($"v{i}"))));
        var batch = Enumerable.Range(0, 8_000)
            .Select(i => new KeyValuePair<Hash32, Hash32?>(HashedKey($"{(i % 2 == 0 ? "a" : "b")}{i}"), SparseMerkleTree.HashValue(Bytes($"x{i}"))))
            .OrderBy(p => p.Key).ToList();
        var reference = kit.Tree.Update(kit.Root, batch);
        for (int run = 0; run < 5; run++)
        {
            var again = kit.Tree.Update(kit.Root, batch);
            Assert.Equal(reference.Root, again.Root);
            Assert.Equal(reference.NewNodes.Select(n => n.Key), again.NewNodes.Select(n => n.Key));
        }
        Assert.Equal(reference.NewNodes.Count, reference.NewNodes.Select(n => n.Key).Distinct().Count());
    }
}
