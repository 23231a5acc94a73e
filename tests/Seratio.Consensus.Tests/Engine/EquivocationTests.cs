using Seratio.Consensus.Engine;
using Seratio.Consensus.Messages;
using Seratio.Consensus.Votes;
using Seratio.Core.Crypto;
using Seratio.Protocol;

namespace Seratio.Consensus.Tests.Engine;

public class EquivocationTests
{
    private static readonly Block A = EngineHarness.Block(1, "A"), B = EngineHarness.Block(1, "B");
    private static readonly Hash32 HashA = BlockIds.Of(A), HashB = BlockIds.Of(B);

    /// <summary>A validator that proposes in none of rounds 0..2, and another one (the "byzantine" one) that does not propose round 0 either.</summary>
    private static (EngineHarness H, int Byzantine, int[] Honest) Setup()
    {
        var probe = new EngineHarness(0, 10, 10, 10, 10);
        var h = new EngineHarness(probe.ProposerIndex(1, 3), 10, 10, 10, 10);
        int byzantine = h.Others.First(i => i != h.ProposerIndex(1, 0));
        h.Engine.StartHeight(1, h.Set);
        return (h, byzantine, h.Others.Where(i => i != byzantine).ToArray());
    }

    [Fact]
    public void RelayedVoteOfAnEquivocator_CountsTowardsAPolka_AndIsEvidence()
    {
        var (h, byz, honest) = Setup();
        h.Engine.OnProposal(h.Proposal(1, 0, A));
        h.Engine.OnTimeout(new TimeoutEvent(1, 0, VoteStep.Propose)); // we prevoted nil: validation came late
        h.Engine.OnBlockValidated(1, 0, HashA, true);
        h.Votes(VoteStep.Prevote, 1, 0, Hash32.Zero, byz);            // what the equivocator showed us
        var outputs = h.Votes(VoteStep.Prevote, 1, 0, HashA, honest);
        outputs.AddRange(h.Votes(VoteStep.Prevote, 1, 0, HashA, byz)); // what it showed the others, relayed
        Assert.Single(outputs.OfType<EvidenceFound>());
        Assert.Equal(HashA, EngineHarness.HashOf(EngineHarness.SingleVote(outputs, VoteType.Precommit)));
        Assert.Equal(0, h.Engine.LockedRound);
    }

    [Fact]
    public void ConflictingVoteForAnUnknownBlock_IsNotCounted_UntilTheBlockIsKnown()
    {
        var (h, byz, honest) = Setup();
        h.Engine.OnTimeout(new TimeoutEvent(1, 0, VoteStep.Propose)); // prevote nil, no proposal yet
        h.Votes(VoteStep.Prevote, 1, 0, Hash32.Zero, byz);
        Assert.Single(h.Votes(VoteStep.Prevote, 1, 0, HashA, byz).OfType<EvidenceFound>());
        h.Votes(VoteStep.Prevote, 1, 0, HashA, honest);
        h.Engine.OnProposal(h.Proposal(1, 0, A));
        var validated = h.Engine.OnBlockValidated(1, 0, HashA, true);
        Assert.DoesNotContain(EngineHarness.BroadcastVotes(validated), v => v.Type == VoteType.Precommit && !v.BlockHash.IsEmpty);
        var relayed = h.Votes(VoteStep.Prevote, 1, 0, HashA, byz); // gossip brings it again, now it counts
        Assert.Equal(HashA, EngineHarness.HashOf(EngineHarness.SingleVote(relayed, VoteType.Precommit)));
    }

    [Fact]
    public void SecondProposalOfARound_IsKeptOnlyOnceSomeoneVotedForItsBlock()
    {
        var (h, _, honest) = Setup();
        Assert.Contains(h.Engine.OnProposal(h.Proposal(1, 0, A)), o => o is RequestValidation);
        Assert.Empty(h.Engine.OnProposal(h.Proposal(1, 0, B)));
        h.Votes(VoteStep.Precommit, 1, 0, HashB, honest[0]);
        Assert.Contains(h.Engine.OnProposal(h.Proposal(1, 0, B)), o => o is RequestValidation r && r.BlockHash == HashB);
    }

    [Fact]
    public void DecidingTheOtherBlockOfAnEquivocatingProposer_Works()
    {
        var (h, _, _) = Setup();
        h.Engine.OnProposal(h.Proposal(1, 0, A));
        h.Engine.OnBlockValidated(1, 0, HashA, true);                 // we prevoted A, the others saw B
        h.Votes(VoteStep.Precommit, 1, 0, HashB, h.Others);
        h.Engine.OnProposal(h.Proposal(1, 0, B));
        var decide = Assert.Single(h.Engine.OnBlockValidated(1, 0, HashB, true).OfType<Decide>());
        Assert.Equal(HashB, decide.BlockHash);
    }

    [Fact]
    public void GossipAfterADecision_CarriesTheDecisionIntoTheNextHeight()
    {
        var (h, _, _) = Setup();
        h.Engine.OnProposal(h.Proposal(1, 0, A));
        h.Engine.OnBlockValidated(1, 0, HashA, true);
        var decide = Assert.Single(h.Votes(VoteStep.Precommit, 1, 0, HashA, h.Others).OfType<Decide>());
        h.Engine.StartHeight(2, h.Set);
        var gossip = h.Engine.GossipMessages();
        Assert.Contains(gossip, m => m.Proposal is { Height: 1 } p && BlockIds.Of(p.Block) == HashA);
        Assert.Equal(decide.Commit.Signatures.Count, gossip.Count(m => m.Vote is { Height: 1, Type: VoteType.Precommit }));
    }
}
