using Seratio.Consensus.Messages;
using Seratio.Consensus.Votes;
using Seratio.Core.Crypto;
using Seratio.Protocol;

namespace Seratio.Consensus.Tests.Engine;

public class ConsensusViewTests
{
    private static readonly Block A = EngineHarness.Block(1, "A");
    private static readonly Hash32 HashA = BlockIds.Of(A);

    [Fact]
    public void View_BeforeAnyHeight_IsNull()
    {
        var h = new EngineHarness(0, 10, 10, 10, 10);
        Assert.Null(h.Engine.View());
    }

    [Fact]
    public void View_ShowsRoundProposerLockAndEachValidatorsVotesOfTheRound()
    {
        var probe = new EngineHarness(0, 10, 10, 10, 10);
        var h = new EngineHarness((probe.ProposerIndex(1, 0) + 1) % 4, 10, 10, 10, 10);
        h.Engine.StartHeight(1, h.Set);
        h.Engine.OnProposal(h.Proposal(1, 0, A));
        h.Engine.OnBlockValidated(1, 0, HashA, true);
        int[] others = h.Others;
        h.Votes(VoteStep.Prevote, 1, 0, HashA, others[0], others[1]); // with ours: a polka for A, we lock and precommit A
        h.Votes(VoteStep.Precommit, 1, 0, Hash32.Zero, others[2]);

        var view = h.Engine.View()!;

        Assert.Equal(1UL, view.Height);
        Assert.Equal(0U, view.Round);
        Assert.Equal(VoteStep.Precommit, view.Step);
        Assert.Equal(h.Keys[h.ProposerIndex(1, 0)].PublicKey, view.Proposer);
        Assert.Equal(0, view.LockedRound);
        Assert.Equal(HashA, view.LockedHash);
        Assert.False(view.Decided);
        Assert.Equal(h.Set.Validators.Select(v => v.Key), view.Validators.Select(v => v.Key));
        var byKey = view.Validators.ToDictionary(v => v.Key);
        Assert.Equal(HashA, byKey[h.Keys[h.Self].PublicKey].Prevote);
        Assert.Equal(HashA, byKey[h.Keys[h.Self].PublicKey].Precommit);
        Assert.Equal(HashA, byKey[h.Keys[others[0]].PublicKey].Prevote);
        Assert.Null(byKey[h.Keys[others[0]].PublicKey].Precommit);
        Assert.Null(byKey[h.Keys[others[2]].PublicKey].Prevote);
        Assert.Equal(Hash32.Zero, byKey[h.Keys[others[2]].PublicKey].Precommit);
        Assert.All(view.Validators, v => Assert.Equal(10UL, v.Power));
    }

    [Fact]
    public void View_ChangesNothingTheEngineGossips()
    {
        var h = new EngineHarness(0, 10, 10, 10, 10);
        h.Engine.StartHeight(1, h.Set);
        int before = h.Engine.GossipMessages().Count;
        var first = h.Engine.View()!;
        var second = h.Engine.View()!;
        Assert.Equal(before, h.Engine.GossipMessages().Count);
        Assert.Equal(first.Validators, second.Validators);
        Assert.Equal((first.Height, first.Round, first.Step, first.Proposer), (second.Height, second.Round, second.Step, second.Proposer));
    }
}
