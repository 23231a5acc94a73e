using Seratio.Core.State;
using Seratio.Node.Chain.Retention;

namespace Seratio.Node.Tests.Chain.Retention;

/// <summary>
/// Pruning while blocks commit and queries read, on real RocksDB: a block that writes a node again between the
/// pruner's look and its delete must keep it (the check under the commit lock), and a read at the window's edge
/// answers the archive's value and a verifying proof, or is refused as pruned, never anything else.
/// </summary>
public sealed class ConcurrentPruningTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    public async Task PruningWhileCommittingAndReading_KeepsEveryKeptHeightWhole(int seed)
    {
        const ulong Heights = 250;
        const int Keep = 3;
        using var archive = Pruning.Open(_dir.Sub("archive"));
        using var pruned = Pruning.Open(_dir.Sub("pruned"), new ChainRetention(Keep, 0));
        var workload = new PruningWorkload(seed, keys: 24);
        var pruner = new ChainPruner(pruned);
        int committing = 1, refused = 0, answered = 0;

        var commits = Task.Run(() =>
        {
            for (ulong h = 1; h <= Heights; h++)
            {
                var changes = workload.Next(h);
                TestBlocks.CommitNext(archive, changes);
                TestBlocks.CommitNext(pruned, changes);
                // Half-way, let the reader in: on a fast run the commits could otherwise end before it read once.
                if (h == Heights / 2) SpinWait.SpinUntil(() => Volatile.Read(ref answered) > 0, TimeSpan.FromSeconds(10));
            }
            Volatile.Write(ref committing, 0);
        });
        var pruning = Task.Run(() =>
        {
            while (Volatile.Read(ref committing) == 1) pruner.Prune(1000);
        });
        var reads = Task.Run(() =>
        {
            var random = new Random(seed);
            while (Volatile.Read(ref committing) == 1)
            {
                ulong head = pruned.Head.Height;
                ulong height = head - Math.Min(head, (ulong)random.Next(Keep + 2));
                var key = workload.Keys[random.Next(workload.Keys.Count)];
                try
                {
                    var value = pruned.GetState(key, height);
                    var proof = pruned.Prove(key, height);
                    Assert.Equal(archive.GetState(key, height), value);
                    Assert.True(StateProofVerifier.Verify(pruned.StateRootAt(height)!.Value, proof, out var reason), $"seed {seed}, height {height}: {reason}");
                    Interlocked.Increment(ref answered);
                }
                catch (HeightPrunedException)
                {
                    Assert.True(height < pruned.EarliestStateHeight);
                    refused++;
                }
            }
        });
        await Task.WhenAll(commits, pruning, reads).WaitAsync(TimeSpan.FromMinutes(3));
        pruner.Prune(1000);

        Assert.True(answered > 0, $"seed {seed}: no read was answered ({refused} refused)");
        Assert.Equal(Heights + 1 - Keep, pruned.EarliestStateHeight);
        for (ulong h = Heights + 1 - Keep; h <= Heights; h++) Pruning.AssertWhole(pruned, archive, workload.Keys, h);
        var kept = Pruning.Reachable(pruned, [Heights - 2, Heights - 1, Heights]);
        Assert.True(kept.SetEquals(Pruning.StoredNodes(pruned)), $"seed {seed}: the stored nodes are not exactly those the kept roots reach");
    }
}
