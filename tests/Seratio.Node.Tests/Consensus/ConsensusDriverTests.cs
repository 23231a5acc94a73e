using Seratio.Consensus.Votes;
using Seratio.Core.Crypto;
using Seratio.Node.P2P;
using Seratio.Node.Tests.Chain;
using Seratio.Protocol;

namespace Seratio.Node.Tests.Consensus;

/// <summary>
/// The driver's loop on fake time: four real drivers over in-memory chains and an in-memory network. Time moves
/// only when a test advances it, so each timeout is shown to fire when, and only when, its due time is passed.
/// </summary>
[Collection(DriverClusters.Name)]
public sealed class ConsensusDriverTests
{
    private static TimeSpan Ms(long ms) => TimeSpan.FromMilliseconds(ms);

    [Fact]
    public async Task FourDrivers_OnFakeTime_CommitTheSameBlocks_AndEachHeightStartsOnlyAfterTheCommitWait()
    {
        await using var cluster = DriverCluster.Create(4);
        var transfer = Build.Transfer(Build.Alice, Build.Bob.Address, 7, 0);
        foreach (var node in cluster.Nodes) node.Pool.Add(transfer);
        await cluster.StartAsync();
        for (ulong height = 1; height <= 4; height++)
        {
            ulong h = height;
            await DriverCluster.WaitUntil(() => cluster.Nodes.All(n => n.Head == h), $"every head at {h}");
            await DriverCluster.WaitUntil(() => cluster.Time.Armed(DriverCluster.CommitWait) == 4, $"the commit waits after {h}");
            cluster.Time.Advance(DriverCluster.CommitWait - Ms(1));
            await Task.Delay(50);
            Assert.All(cluster.Nodes, n => Assert.Equal(h, n.Head)); // the next height has not started
            cluster.Time.Advance(Ms(1));
        }
        await DriverCluster.WaitUntil(() => cluster.Nodes.All(n => n.Head >= 5), "every head at 5");
        DriverCluster.AssertSameChain(cluster.Nodes, 5);
        var node0 = cluster.Nodes[0].Chain;
        for (ulong h = 1; h <= 5; h++) Assert.Equal(0u, node0.GetBlock(h)!.Commit!.Round); // nobody waited for a timeout
        Assert.Equal(1UL, node0.GetTx(transfer.Hash)!.Receipt.Height);
        Assert.All(cluster.Nodes, n => Assert.Equal(0, n.Pool.Count));
    }

    [Fact]
    public async Task SilentProposer_ItsRoundTimesOut_OnlyWhenFakeTimePassesTheProposeTimeout()
    {
        await using var cluster = DriverCluster.Create(4);
        var silent = cluster.ProposerOf(1, 0);
        var live = cluster.Nodes.Where(n => n != silent).ToArray();
        await cluster.StartAsync(live);
        var propose = Ms(cluster.Timeouts.ProposeMs);
        await DriverCluster.WaitUntil(() => cluster.Time.Armed(propose) == 3, "the propose timeouts of round 0");

        cluster.Time.Advance(propose - Ms(1));
        await Task.Delay(100);
        Assert.All(live, n => Assert.Equal((1UL, 0u), (n.Driver!.Height, n.Driver.Round)));
        Assert.All(live, n => Assert.Null(n.SignerState.Load())); // nobody signed a nil prevote yet

        cluster.Time.Advance(Ms(1)); // the propose timeout: prevote nil, precommit nil, then the precommit timeout
        var precommit = Ms(cluster.Timeouts.PrecommitMs);
        await DriverCluster.WaitUntil(() => cluster.Time.Armed(precommit) == 3, "the precommit timeouts of round 0");
        Assert.All(live, n => Assert.Equal(new SignerStateView(1, 0, VoteStep.Precommit, true), SignerStateView.Of(n)));
        cluster.Time.Advance(precommit); // round 1, whose proposer is live

        await DriverCluster.WaitUntil(() => live.All(n => n.Head == 1), "height 1 committed by the live three");
        var block = live[0].Chain.GetBlock(1)!;
        Assert.Equal(1u, block.Commit!.Round);
        Assert.NotEqual(silent.PublicKey, cluster.ProposerOf(1, 1).PublicKey);
        Assert.DoesNotContain(block.Commit.Signatures, s => new PublicKey(s.Validator.Span) == silent.PublicKey);
        DriverCluster.AssertSameChain(live, 1);
    }

    [Fact]
    public async Task RoundTimeouts_GrowPerRound_AndARoundEndsOnlyWhenItsTimeoutsHavePassed()
    {
        await using var cluster = DriverCluster.Create(4);
        // No proposal reaches anyone: every round ends by its propose timeout and then its precommit timeout.
        cluster.Hub.Drop = (_, channel, payload) => channel == PeerChannel.Consensus && ConsensusMessage.Parser.ParseFrom(payload.Span).Proposal is not null;
        await cluster.StartAsync();
        var t = cluster.Timeouts;
        for (uint round = 0; round < 3; round++)
        {
            var propose = Ms(t.ProposeMs + (t.ProposeDeltaMs * round));
            var precommit = Ms(t.PrecommitMs + (t.PrecommitDeltaMs * round));
            uint r = round;
            await DriverCluster.WaitUntil(() => cluster.Time.Armed(propose) == 4, $"the propose timeouts ({propose.TotalMilliseconds} ms) of round {r}");
            cluster.Time.Advance(propose - Ms(1));
            await Task.Delay(50);
            Assert.Equal(4, cluster.Time.Armed(propose)); // the proposer arms it too, though no proposal of its own can land
            Assert.All(cluster.Nodes, n => Assert.Equal(r, n.Driver!.Round));
            cluster.Time.Advance(Ms(1));
            await DriverCluster.WaitUntil(() => cluster.Time.Armed(precommit) == 4, $"the precommit timeouts ({precommit.TotalMilliseconds} ms) of round {r}");
            cluster.Time.Advance(precommit - Ms(1));
            await Task.Delay(50);
            Assert.All(cluster.Nodes, n => Assert.Equal(r, n.Driver!.Round));
            cluster.Time.Advance(Ms(1));
            await DriverCluster.WaitUntil(() => cluster.Nodes.All(n => n.Driver!.Round == r + 1), $"round {r + 1}");
        }
        Assert.All(cluster.Nodes, n => Assert.Equal(0UL, n.Head));
    }

    /// <summary>What a validator last signed, without the block it signed.</summary>
    private readonly record struct SignerStateView(ulong Height, uint Round, VoteStep Step, bool Nil)
    {
        public static SignerStateView Of(DriverNode node)
        {
            var state = node.SignerState.Load()!.State;
            return new SignerStateView(state.Height, state.Round, state.Step, state.BlockHash == Hash32.Zero);
        }
    }
}
