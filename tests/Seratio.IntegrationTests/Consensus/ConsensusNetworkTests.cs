using Seratio.Core.Crypto;
using Seratio.IntegrationTests.Infrastructure;
using Seratio.Protocol;
using Xunit.Abstractions;

namespace Seratio.IntegrationTests.Consensus;

/// <summary>
/// Four validator processes on loopback agree on blocks through the consensus driver and the peer
/// network: under a stream of transfers, through kill -9 of one and of two validators, and restarts.
/// </summary>
public sealed class ConsensusNetworkTests(ITestOutputHelper output)
{
    [Fact]
    public async Task FourValidators_UnderTransfers_AgreeThroughCrashesAndRestarts()
    {
        await using var network = ValidatorNetwork.Start(4);
        var nodes = network.Nodes;
        var observer = network.AddOutsider(intruder: false);
        var intruder = network.AddOutsider(intruder: true);
        try
        {
            await network.WaitForHeightAsync(2, TimeSpan.FromSeconds(60));
            observer.Start();
            intruder.Start();
            using var load = new TransferStream(nodes);
            var acceptDeadline = DateTime.UtcNow.AddSeconds(30);
            while (load.Accepted < 4 && DateTime.UtcNow < acceptDeadline) await Task.Delay(100);
            Assert.True(load.Accepted >= 4, $"only {load.Accepted} transfers were accepted in 30 s");
            await network.WaitForHeightAsync(await MaxHeightAsync(nodes) + 2, TimeSpan.FromSeconds(30));

            // kill -9 one: three of four hold more than 2/3 of the power, the chain goes on.
            nodes[3].Kill();
            ulong h = await MaxHeightAsync(nodes);
            await network.WaitForHeightAsync(h + 3, TimeSpan.FromSeconds(30));

            // restart it: it catches up by block sync and rejoins.
            nodes[3].Start();
            ulong tip = await MaxHeightAsync(nodes);
            await network.WaitForHeightAsync(tip + 2, TimeSpan.FromSeconds(40));

            // kill -9 two: half the power cannot commit; nothing diverges.
            nodes[2].Kill();
            nodes[3].Kill();
            await Task.Delay(2000);
            ulong stalled = await MaxHeightAsync(nodes);
            await Task.Delay(4000);
            Assert.Equal(stalled, await MaxHeightAsync(nodes));

            // bring them back: the chain resumes.
            nodes[2].Start();
            nodes[3].Start();
            await network.WaitForHeightAsync(stalled + 3, TimeSpan.FromSeconds(45));
            load.Stop();
            await AssertAgreementAsync(network, observer);
            ulong transfers = await load.CommittedAsync(nodes[0]);
            output.WriteLine($"heights: {string.Join(", ", await HeightsAsync(nodes))}; observer {(await observer.TryStatusAsync())?.LatestHeight}; transfers committed {transfers}");
            Assert.True(transfers > 0, "no transfer was committed");
            Assert.Contains("Synced block", nodes[3].Output, StringComparison.Ordinal); // the restarted validator caught up by block sync

            // The observer followed by block sync; the intruder was refused by every validator and has nothing.
            Assert.Equal(0UL, (await intruder.TryStatusAsync())!.LatestHeight);
            Assert.All(nodes.Take(2), n => Assert.Contains("Refused peer", n.Output, StringComparison.Ordinal));
        }
        catch
        {
            output.WriteLine(ValidatorNetwork.Logs([.. nodes, observer, intruder]));
            throw;
        }
    }

    private static async Task<List<ulong>> HeightsAsync(IReadOnlyList<ValidatorProcess> nodes)
    {
        var heights = new List<ulong>();
        foreach (var node in nodes) heights.Add((await node.TryStatusAsync())?.LatestHeight ?? 0);
        return heights;
    }

    private static async Task<ulong> MaxHeightAsync(IReadOnlyList<ValidatorProcess> nodes)
    {
        ulong max = 0;
        foreach (var node in nodes) max = Math.Max(max, (await node.TryStatusAsync())?.LatestHeight ?? 0);
        return max;
    }

    /// <summary>Every node holds the same block hash and state root at every height up to the lowest head, and they re-execute.</summary>
    private static async Task AssertAgreementAsync(ValidatorNetwork network, ValidatorProcess observer)
    {
        var all = network.Nodes.Append(observer).ToArray();
        await network.WaitForHeightAsync((await MaxHeightAsync(network.Nodes)) - 1, TimeSpan.FromSeconds(20), all);
        var statuses = new List<NodeStatus>();
        foreach (var node in all) statuses.Add((await node.TryStatusAsync())!);
        ulong common = statuses.Min(s => s.LatestHeight);
        var replay = new ChainReplay(network.Genesis);
        for (ulong height = 1; height <= common; height++)
        {
            var blocks = new List<BlockResponse>();
            foreach (var node in all) blocks.Add(await node.Client.GetBlockAsync(new GetBlockRequest { Height = height }));
            var first = blocks[0];
            foreach (var other in blocks.Skip(1))
            {
                Assert.Equal(first.BlockHash, other.BlockHash);
                Assert.Equal(first.Block.Header.StateRoot, other.Block.Header.StateRoot);
            }
            var (_, root) = replay.Execute(first.Block);
            Assert.Equal(new Hash32(first.Block.Header.StateRoot.Span), root);
        }
    }
}
