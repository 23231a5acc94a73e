using Seratio.Core.Crypto;
using Seratio.Core.State;
using Seratio.Core.Storage;
using Seratio.Node.Chain;
using Seratio.Node.Chain.Retention;
using Seratio.Vm.Genesis;

namespace Seratio.Node.Tests.Chain.Retention;

/// <summary>
/// Seeded state changes that stress pruning: a small key pool and a small value domain, so keys are set, changed,
/// deleted and set back often; every seventh height undoes the height before it, so whole subtrees (and roots)
/// come back and their nodes are written again. Deterministic for a seed.
/// </summary>
internal sealed class PruningWorkload(int seed, int keys = 48)
{
    private readonly Random _random = new(seed);
    private readonly Dictionary<Hash32, byte[]?> _current = new();
    private readonly Stack<List<StateChange>> _undo = new();

    public IReadOnlyList<Hash32> Keys { get; } = Enumerable.Range(0, keys).Select(i => Build.Key("prune-key-" + i)).ToList();

    public List<StateChange> Next(ulong height)
    {
        SortedDictionary<Hash32, byte[]?> changes = new();
        if (height % 7 == 0 && _undo.TryPop(out var undo))
            foreach (var change in undo) changes[change.Key] = change.Value;
        else
        {
            int count = 1 + _random.Next(8);
            for (int i = 0; i < count; i++)
            {
                var key = Keys[_random.Next(Keys.Count)];
                int roll = _random.Next(100);
                changes[key] = roll < 15 ? null : [(byte)_random.Next(4), (byte)(roll % 3)];
            }
        }
        var list = changes.Select(c => new StateChange(c.Key, c.Value)).ToList();
        _undo.Push(list.Select(c => new StateChange(c.Key, _current.GetValueOrDefault(c.Key))).ToList());
        foreach (var change in list) _current[change.Key] = change.Value;
        return list;
    }
}

/// <summary>Helpers of the pruning tests: databases, stored node counts, reachability and full-content checks.</summary>
internal static class Pruning
{
    public static ChainDatabase Open(string path, ChainRetention? retention = null) =>
        ChainDatabase.Open(path, Build.Genesis(), GenesisState.Build, retention: retention);

    public static int Count(ChainDatabase db, Column column) => db.Store.Scan(column, [], []).Count();

    public static HashSet<Hash32> StoredNodes(ChainDatabase db) =>
        db.Store.Scan(Column.StateNodes, [], []).Select(e => new Hash32(e.Key)).ToHashSet();

    /// <summary>Every node reachable from the roots of <paramref name="heights"/>, decoded by hand (65 bytes: tag, two hashes).</summary>
    public static HashSet<Hash32> Reachable(ChainDatabase db, IEnumerable<ulong> heights)
    {
        var seen = new HashSet<Hash32>();
        var pending = new Stack<Hash32>(heights.Select(h => db.StateRootAt(h)!.Value).Where(r => !r.IsZero));
        while (pending.TryPop(out var hash))
        {
            if (!seen.Add(hash)) continue;
            var node = db.Store.Get(Column.StateNodes, hash.ToArray()) ?? throw new Xunit.Sdk.XunitException($"node {hash} of a kept root is missing");
            if (node[0] != 0x01) continue; // a leaf
            var left = new Hash32(node.AsSpan(1, 32));
            var right = new Hash32(node.AsSpan(33, 32));
            if (!left.IsZero) pending.Push(left);
            if (!right.IsZero) pending.Push(right);
        }
        return seen;
    }

    /// <summary>Every key of <paramref name="keys"/> at <paramref name="height"/> reads as in the archive and proves against the height's root.</summary>
    public static void AssertWhole(ChainDatabase pruned, ChainDatabase archive, IEnumerable<Hash32> keys, ulong height)
    {
        var root = pruned.StateRootAt(height)!.Value;
        Assert.Equal(archive.StateRootAt(height), root);
        foreach (var key in keys)
        {
            var expected = archive.GetState(key, height);
            Assert.Equal(expected, pruned.GetState(key, height));
            var proof = pruned.Prove(key, height);
            Assert.True(StateProofVerifier.Verify(root, proof, out var reason), $"height {height}, key {key}: {reason}");
            Assert.Equal(expected is not null, proof.Exists);
            if (expected is not null) Assert.Equal(expected, proof.Value.ToByteArray());
        }
    }
}
