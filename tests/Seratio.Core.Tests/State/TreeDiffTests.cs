using Seratio.Core.Crypto;
using Seratio.Core.State;

namespace Seratio.Core.Tests.State;

/// <summary>
/// <see cref="TreeDiff.Removed"/> walks only changed paths; it must name exactly the nodes of the older root that
/// the newer root does not reach (checked against a full enumeration of both), and exactly the keys whose leaf left.
/// </summary>
public sealed class TreeDiffTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Removed_IsExactlyTheOlderNodesTheNewerRootDoesNotReach(int seed)
    {
        var random = new Random(seed);
        var kit = new TreeTestKit();
        var keys = Enumerable.Range(0, 40).Select(i => TreeTestKit.HashedKey($"diff-{i}")).ToArray();
        var values = new Dictionary<Hash32, byte[]?>();
        for (int step = 0; step < 200; step++)
        {
            var before = kit.Root;
            var beforeValues = new Dictionary<Hash32, byte[]?>(values);
            var batch = new List<(Hash32, byte[]?)>();
            // Mostly a few changes; sometimes a large one, deletions that collapse subtrees, or none at all.
            int count = random.Next(10) switch { 0 => 0, 1 => 30, _ => 1 + random.Next(4) };
            for (int i = 0; i < count; i++)
            {
                var key = keys[random.Next(keys.Length)];
                byte[]? value = random.Next(4) == 0 ? null : [(byte)random.Next(3)];
                batch.Add((key, value));
                values[key] = value;
            }
            kit.Apply(batch);

            var diff = TreeDiff.Removed(kit.Nodes, before, kit.Root);
            var expected = kit.Reachable(before);
            expected.ExceptWith(kit.Reachable(kit.Root));
            Assert.True(expected.SetEquals(diff.Nodes), $"seed {seed}, step {step}: diff names {diff.Nodes.Count} nodes, expected {expected.Count}");
            Assert.Equal(diff.Nodes.Count, diff.Nodes.Distinct().Count());

            var changed = keys.Where(k => beforeValues.GetValueOrDefault(k) is { } old && !old.AsSpan().SequenceEqual(values.GetValueOrDefault(k)))
                .Select(k => new TreeDiffKey(k, values.GetValueOrDefault(k) is null)).OrderBy(k => k.Key).ToList();
            Assert.Equal(changed, diff.Keys.OrderBy(k => k.Key).ToList());
        }
    }

    [Fact]
    public void Removed_OfTheSameRoot_IsEmpty_AndOfTheEmptyTree_IsEverything()
    {
        var kit = new TreeTestKit();
        kit.Set((TreeTestKit.HashedKey("a"), [1]), (TreeTestKit.HashedKey("b"), [2]), (TreeTestKit.HashedKey("c"), [3]));
        Assert.Empty(TreeDiff.Removed(kit.Nodes, kit.Root, kit.Root).Nodes);
        var all = TreeDiff.Removed(kit.Nodes, kit.Root, Hash32.Zero);
        Assert.True(kit.Reachable(kit.Root).SetEquals(all.Nodes));
        Assert.All(all.Keys, k => Assert.True(k.Deleted));
        Assert.Equal(3, all.Keys.Count);
    }
}
