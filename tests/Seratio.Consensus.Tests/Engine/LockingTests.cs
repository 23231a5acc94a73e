using Seratio.Consensus.Engine;
using Seratio.Consensus.Messages;
using Seratio.Consensus.Votes;
using Seratio.Core.Crypto;
using Seratio.Protocol;

namespace Seratio.Consensus.Tests.Engine;

public class LockingTests
{
    private static readonly Block A = EngineHarness.Block(1, "A"), B = EngineHarness.Block(1, "B");
    private static readonly Hash32 HashA = BlockIds.Of(A), HashB = BlockIds.Of(B);

    /// <summary>An engine locked on A in round 0; its validator proposes in round <paramref name="proposerRound"/> (1..3).</summary>
    private static EngineHarness LockedOnA(uint proposerRound)
    {
        var probe = new EngineHarness(0, 10, 10, 10, 10);
        var h = new EngineHarness(probe.ProposerIndex(1, proposerRound), 10, 10, 10, 10);
        h.Engine.StartHeight(1, h.Set);
        h.Engine.OnProposal(h.Proposal(1, 0, A));
        h.Engine.OnBlockValidated(1, 0, HashA, true);
        var outputs = h.Votes(VoteStep.Prevote, 1, 0, HashA, h.Others.Take(2).ToArray());
        Assert.Equal(HashA, EngineHarness.HashOf(EngineHarness.SingleVote(outputs, VoteType.Precommit)));
        Assert.Equal(0, h.Engine.LockedRound);
        return h;
    }

    private static List<ConsensusOutput> SkipTo(EngineHarness h, uint round)
    {
        // Two of four validators (more than 1/3) precommitting nil in a higher round move us there.
        var outputs = h.Votes(VoteStep.Precommit, 1, round, Hash32.Zero, h.Others.Take(2).ToArray());
        Assert.Equal(round, h.Engine.Round);
        return outputs;
    }

    [Fact]
    public void Locked_ProposalOfAnotherBlockWithoutProofOfLock_IsPrevotedNil()
    {
        var h = LockedOnA(proposerRound: 3);
        SkipTo(h, 1);
        var outputs = h.Engine.OnProposal(h.Proposal(1, 1, B)).Concat(h.Engine.OnBlockValidated(1, 1, HashB, true));
        Assert.True(EngineHarness.SingleVote(outputs, VoteType.Prevote).BlockHash.IsEmpty);
        Assert.Equal(HashA, h.Engine.LockedHash);
    }

    [Fact]
    public void Locked_ProposalOfTheLockedBlock_IsPrevoted()
    {
        var h = LockedOnA(proposerRound: 3);
        SkipTo(h, 1);
        var outputs = h.Engine.OnProposal(h.Proposal(1, 1, A, polRound: 0));
        Assert.Equal(HashA, EngineHarness.HashOf(EngineHarness.SingleVote(outputs, VoteType.Prevote)));
    }

    [Fact]
    public void Locked_ProofOfLockNewerThanTheLock_UnlocksAndPrevotesTheNewBlock()
    {
        var h = LockedOnA(proposerRound: 3);
        // Round 1: the others prevote B (we were elsewhere), a proof of lock for B newer than our lock.
        h.Votes(VoteStep.Prevote, 1, 1, HashB, h.Others);
        SkipTo(h, 2);
        var outputs = h.Engine.OnProposal(h.Proposal(1, 2, B, polRound: 1)).Concat(h.Engine.OnBlockValidated(1, 2, HashB, true));
        Assert.Equal(HashB, EngineHarness.HashOf(EngineHarness.SingleVote(outputs, VoteType.Prevote)));
    }

    [Fact]
    public void ProposalClaimingAProofOfLockThatIsMissing_WaitsAndThenPrevotesNilOnTimeout()
    {
        var h = LockedOnA(proposerRound: 3);
        SkipTo(h, 2);
        var outputs = h.Engine.OnProposal(h.Proposal(1, 2, B, polRound: 1)).Concat(h.Engine.OnBlockValidated(1, 2, HashB, true));
        Assert.Empty(EngineHarness.BroadcastVotes(outputs));
        var timeout = h.Engine.OnTimeout(new TimeoutEvent(1, 2, VoteStep.Propose));
        Assert.True(EngineHarness.SingleVote(timeout, VoteType.Prevote).BlockHash.IsEmpty);
    }

    [Fact]
    public void Proposer_WithAValidValue_ReproposesItWithItsValidRound()
    {
        var h = LockedOnA(proposerRound: 1);
        var outputs = SkipTo(h, 1);
        Assert.DoesNotContain(outputs, o => o is RequestProposalBlock);
        var proposal = Assert.Single(outputs.OfType<Broadcast>(), b => b.Message.KindCase == ConsensusMessage.KindOneofCase.Proposal).Message.Proposal;
        Assert.Equal(0, proposal.PolRound);
        Assert.Equal(HashA, BlockIds.Of(proposal.Block));
        Assert.Equal(HashA, EngineHarness.HashOf(EngineHarness.SingleVote(outputs, VoteType.Prevote)));
    }

    [Fact]
    public void PolkaSeenAfterPrecommittingNil_UpdatesValidValueWithoutLocking()
    {
        var probe = new EngineHarness(0, 10, 10, 10, 10);
        var h = new EngineHarness(probe.ProposerIndex(1, 3), 10, 10, 10, 10);
        h.Engine.StartHeight(1, h.Set);
        h.Engine.OnProposal(h.Proposal(1, 0, A));
        h.Engine.OnTimeout(new TimeoutEvent(1, 0, VoteStep.Propose)); // prevote nil: validity came too late
        h.Engine.OnTimeout(new TimeoutEvent(1, 0, VoteStep.Prevote)); // precommit nil
        Assert.Equal(VoteStep.Precommit, h.Engine.Step);
        h.Engine.OnBlockValidated(1, 0, HashA, true);
        h.Votes(VoteStep.Prevote, 1, 0, HashA, h.Others);
        Assert.Equal(-1, h.Engine.LockedRound);
        Assert.Equal(0, h.Engine.ValidRound);
        Assert.Equal(HashA, h.Engine.ValidHash);
    }
}
