using Seratio.Consensus.Validators;
using Seratio.Core.Crypto;
using Seratio.IntegrationTests.Infrastructure;
using Seratio.Protocol;
using Xunit.Abstractions;

namespace Seratio.IntegrationTests.Consensus;

/// <summary>
/// Four validator processes on loopback agree on blocks through the consensus driver and the peer
/// network: under a stream of transfers, through kill -9 of one and of two validators, restarts, and a
/// proposer frozen by SIGSTOP and thawed by SIGCONT.
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

            await FreezeProposerAsync(network);
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

    /// <summary>
    /// SIGSTOP the proposer of a coming height: its round there times out on the other three, who commit without it
    /// while it stays frozen; SIGCONT: it catches up with them and keeps agreeing.
    /// </summary>
    private async Task FreezeProposerAsync(ValidatorNetwork network)
    {
        var nodes = network.Nodes;
        // Two heights ahead of the most advanced node: the proposer cannot have proposed there yet when it is stopped.
        ulong target = await MaxConsensusHeightAsync(nodes) + 2;
        var proposer = new ProposerSchedule(ValidatorSet.FromGenesis(network.Genesis)).ProposerAt(target, 0);
        int frozen = Enumerable.Range(0, nodes.Count).Single(i =>
        {
            using var key = ValidatorNetwork.ValidatorKey(i);
            return key.PublicKey == proposer;
        });
        var others = nodes.Where((_, i) => i != frozen).ToArray();
        var started = DateTime.UtcNow;
        nodes[frozen].Pause();
        try
        {
            await network.WaitForHeightAsync(target, TimeSpan.FromSeconds(30), others);
            var decided = await others[0].Client.GetBlockAsync(new GetBlockRequest { Height = target });
            Assert.True(decided.Commit.Round >= 1, $"height {target} was committed in round {decided.Commit.Round}, though its round-0 proposer was stopped");
            Assert.DoesNotContain(decided.Commit.Signatures, s => new PublicKey(s.Validator.Span) == proposer);
            // Hold it stopped a while longer: the chain keeps committing without it, through its later turns too.
            await network.WaitForHeightAsync(target + 4, TimeSpan.FromSeconds(30), others);
            var remaining = TimeSpan.FromSeconds(6) - (DateTime.UtcNow - started);
            if (remaining > TimeSpan.Zero) await Task.Delay(remaining);
        }
        finally
        {
            nodes[frozen].Resume();
        }
        ulong tip = await MaxHeightAsync(nodes);
        output.WriteLine($"{nodes[frozen].Name} stopped {(DateTime.UtcNow - started).TotalSeconds:F1} s as proposer of height {target}; the others reached {tip}");
        await network.WaitForHeightAsync(tip + 2, TimeSpan.FromSeconds(30));
        output.WriteLine($"{nodes[frozen].Name} caught up to {tip + 2}; the phase took {(DateTime.UtcNow - started).TotalSeconds:F1} s");
    }

    private static async Task<ulong> MaxConsensusHeightAsync(IReadOnlyList<ValidatorProcess> nodes)
    {
        ulong max = 0;
        foreach (var node in nodes) max = Math.Max(max, (await node.TryStatusAsync())?.ConsensusHeight ?? 0);
        return max;
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
