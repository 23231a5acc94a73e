using Seratio.Core.Crypto;
using Seratio.Core.State;
using static Seratio.Core.Tests.State.TreeTestKit;

namespace Seratio.Core.Tests.State;

/// <summary>
/// Big batches are split across cores near the top of the tree (from 4 cores on; forced here):
/// these tests pin that the split changes nothing: the same root as the reference definition,
/// and the same nodes in the same order as an update that never splits.
/// </summary>
public sealed class SparseMerkleTreeParallelTests
{
    private static void ApplySplit(TreeTestKit kit, IEnumerable<(Hash32 Key, byte[]? Value)> batch)
    {
        var sorted = new SortedDictionary<Hash32, Hash32?>();
        foreach (var (key, value) in batch) sorted[key] = value is null ? null : SparseMerkleTree.HashValue(value);
        var update = new TreeUpdater(kit.Nodes, [.. sorted], parallelDepth: 3).Run(kit.Root);
        kit.Nodes.Add(update.NewNodes);
        kit.Adopt(update.Root);
    }

    [Fact]
    public void Update_OfABigBatch_GivesTheReferenceRoot_ForInsertsUpdatesAndDeletes()
    {
        var kit = new TreeTestKit();
        var state = new SortedDictionary<Hash32, byte[]>();
        var first = Enumerable.Range(0, 6_000).Select(i => (HashedKey($"k{i}"), (byte[]?)Bytes($"v{i}"))).ToList();
        ApplySplit(kit, first);
        foreach (var (key, value) in first) state[key] = value!;
        Assert.Equal(ReferenceTree.Root(state), kit.Root);

        // Updates, deletions and inserts, thousands on each side of the top split.
        var second = new List<(Hash32 Key, byte[]? Value)>();
        for (int i = 0; i < 6_000; i += 3) second.Add((HashedKey($"k{i}"), null));
        for (int i = 1; i < 6_000; i += 3) second.Add((HashedKey($"k{i}"), Bytes($"w{i}")));
        for (int i = 6_000; i < 9_000; i++) second.Add((HashedKey($"k{i}"), Bytes($"v{i}")));
        ApplySplit(kit, second);
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
        var reference = new TreeUpdater(kit.Nodes, batch, parallelDepth: 0).Run(kit.Root);
        for (int run = 0; run < 5; run++)
        {
            var split = new TreeUpdater(kit.Nodes, batch, parallelDepth: 3).Run(kit.Root);
            Assert.Equal(reference.Root, split.Root);
            Assert.Equal(reference.NewNodes.Select(n => n.Key), split.NewNodes.Select(n => n.Key));
        }
        Assert.Equal(reference.NewNodes.Count, reference.NewNodes.Select(n => n.Key).Distinct().Count());
        Assert.Equal(kit.Tree.Update(kit.Root, batch).Root, reference.Root);
    }
}
