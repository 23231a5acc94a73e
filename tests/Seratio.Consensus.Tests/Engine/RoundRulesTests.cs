using Seratio.Consensus.Engine;
using Seratio.Consensus.Messages;
using Seratio.Consensus.Signing;
using Seratio.Consensus.Votes;
using Seratio.Core.Crypto;
using Seratio.Protocol;

namespace Seratio.Consensus.Tests.Engine;

public class RoundRulesTests
{
    private static (EngineHarness H, Block Block, Hash32 Hash) NonProposerAtRound0()
    {
        var probe = new EngineHarness(0, 10, 10, 10, 10);
        int self = Enumerable.Range(0, 4).First(i => i != probe.ProposerIndex(1, 0));
        var h = new EngineHarness(self, 10, 10, 10, 10);
        h.Engine.StartHeight(1, h.Set);
        var block = EngineHarness.Block(1, "a");
        return (h, block, BlockIds.Of(block));
    }

    private static List<ConsensusOutput> ProposeAndValidate(EngineHarness h, uint round, Block block, bool valid = true, int polRound = -1)
    {
        var outputs = h.Engine.OnProposal(h.Proposal(1, round, block, polRound)).ToList();
        outputs.AddRange(h.Engine.OnBlockValidated(1, round, BlockIds.Of(block), valid));
        return outputs;
    }

    [Fact]
    public void StartHeight_AsProposer_RequestsBlockAndSchedulesProposeTimeout()
    {
        var probe = new EngineHarness(0, 10, 10, 10, 10);
        var h = new EngineHarness(probe.ProposerIndex(1, 0), 10, 10, 10, 10);
        var outputs = h.Engine.StartHeight(1, h.Set);
        Assert.Contains(new RequestProposalBlock(1, 0), outputs);
        Assert.Contains(new ScheduleTimeout(new TimeoutEvent(1, 0, VoteStep.Propose), 1000), outputs);
    }

    [Fact]
    public void OnBlockProposed_SignsProposalAndPrevotesIt()
    {
        var probe = new EngineHarness(0, 10, 10, 10, 10);
        var h = new EngineHarness(probe.ProposerIndex(1, 0), 10, 10, 10, 10);
        h.Engine.StartHeight(1, h.Set);
        var block = EngineHarness.Block(1, "mine");
        var outputs = h.Engine.OnBlockProposed(1, 0, block);
        var proposal = Assert.Single(outputs.OfType<Broadcast>(), b => b.Message.KindCase == ConsensusMessage.KindOneofCase.Proposal).Message.Proposal;
        Assert.Equal(MessageCheckResult.Valid, MessageChecks.CheckProposal(proposal, h.Keys[h.Self].PublicKey, EngineHarness.ChainId, out _));
        Assert.Equal(-1, proposal.PolRound);
        Assert.Equal(BlockIds.Of(block), EngineHarness.HashOf(EngineHarness.SingleVote(outputs, VoteType.Prevote)));
        Assert.Equal(new SignerState(1, 0, VoteStep.Prevote, BlockIds.Of(block)), h.Store.Load()!.State);
    }

    [Fact]
    public void Proposal_BeforeValidation_RequestsValidationAndDoesNotPrevote()
    {
        var (h, block, hash) = NonProposerAtRound0();
        var outputs = h.Engine.OnProposal(h.Proposal(1, 0, block));
        Assert.Contains(outputs, o => o is RequestValidation r && r.BlockHash == hash && r.Height == 1);
        Assert.Empty(EngineHarness.BroadcastVotes(outputs));
        Assert.Equal(VoteStep.Propose, h.Engine.Step);
    }

    [Fact]
    public void Proposal_ValidBlock_IsPrevoted()
    {
        var (h, block, hash) = NonProposerAtRound0();
        var outputs = ProposeAndValidate(h, 0, block);
        Assert.Equal(hash, EngineHarness.HashOf(EngineHarness.SingleVote(outputs, VoteType.Prevote)));
        Assert.Equal(VoteStep.Prevote, h.Engine.Step);
    }

    [Fact]
    public void Proposal_BlockThatDoesNotExecuteToItsRoot_IsPrevotedNil()
    {
        var (h, _, _) = NonProposerAtRound0();
        var bad = EngineHarness.Block(1, "bad", valid: false);
        var outputs = ProposeAndValidate(h, 0, bad, valid: false);
        Assert.True(EngineHarness.SingleVote(outputs, VoteType.Prevote).BlockHash.IsEmpty);
    }

    [Fact]
    public void Proposal_FromSomeoneElseThanTheProposer_IsRejected()
    {
        var (h, block, _) = NonProposerAtRound0();
        int notProposer = Enumerable.Range(0, 4).First(i => i != h.ProposerIndex(1, 0));
        var outputs = h.Engine.OnProposal(h.Proposal(1, 0, block, by: notProposer));
        Assert.Empty(outputs);
        Assert.Equal(MessageCheckResult.NotProposer, h.Engine.LastRejection);
    }

    [Fact]
    public void TimeoutPropose_WithoutProposal_PrevotesNil()
    {
        var (h, _, _) = NonProposerAtRound0();
        var outputs = h.Engine.OnTimeout(new TimeoutEvent(1, 0, VoteStep.Propose));
        Assert.True(EngineHarness.SingleVote(outputs, VoteType.Prevote).BlockHash.IsEmpty);
    }

    [Fact]
    public void StaleTimeout_OfAnEarlierStep_IsIgnored()
    {
        var (h, block, _) = NonProposerAtRound0();
        ProposeAndValidate(h, 0, block);
        Assert.Empty(h.Engine.OnTimeout(new TimeoutEvent(1, 0, VoteStep.Propose)));
    }

    [Fact]
    public void PrevoteQuorumForBlock_LocksAndPrecommitsIt()
    {
        var (h, block, hash) = NonProposerAtRound0();
        ProposeAndValidate(h, 0, block);
        var outputs = h.Votes(VoteStep.Prevote, 1, 0, hash, h.Others.Take(2).ToArray());
        Assert.Equal(hash, EngineHarness.HashOf(EngineHarness.SingleVote(outputs, VoteType.Precommit)));
        Assert.Equal(0, h.Engine.LockedRound);
        Assert.Equal(hash, h.Engine.LockedHash);
        Assert.Equal(0, h.Engine.ValidRound);
    }

    [Fact]
    public void PrevoteQuorumAny_SchedulesPrevoteTimeout_ThenPrecommitsNil()
    {
        var (h, block, hash) = NonProposerAtRound0();
        ProposeAndValidate(h, 0, block);
        var others = h.Others;
        var outputs = h.Votes(VoteStep.Prevote, 1, 0, Hash32.Zero, others[0]);
        outputs.AddRange(h.Votes(VoteStep.Prevote, 1, 0, Hash32.Sha256("other"u8), others[1]));
        Assert.Contains(new ScheduleTimeout(new TimeoutEvent(1, 0, VoteStep.Prevote), 500), outputs);
        Assert.Empty(EngineHarness.BroadcastVotes(outputs));
        var timeout = h.Engine.OnTimeout(new TimeoutEvent(1, 0, VoteStep.Prevote));
        Assert.True(EngineHarness.SingleVote(timeout, VoteType.Precommit).BlockHash.IsEmpty);
        Assert.Equal(-1, h.Engine.LockedRound);
    }

    [Fact]
    public void PrevoteQuorumForNil_PrecommitsNil()
    {
        var (h, _, _) = NonProposerAtRound0();
        h.Engine.OnTimeout(new TimeoutEvent(1, 0, VoteStep.Propose));
        var outputs = h.Votes(VoteStep.Prevote, 1, 0, Hash32.Zero, h.Others.Take(2).ToArray());
        Assert.True(EngineHarness.SingleVote(outputs, VoteType.Precommit).BlockHash.IsEmpty);
    }

    [Fact]
    public void PrecommitQuorum_DecidesWithAVerifiableCommit()
    {
        var (h, block, hash) = NonProposerAtRound0();
        ProposeAndValidate(h, 0, block);
        h.Votes(VoteStep.Prevote, 1, 0, hash, h.Others);
        var outputs = h.Votes(VoteStep.Precommit, 1, 0, hash, h.Others.Take(2).ToArray());
        var decide = Assert.Single(outputs.OfType<Decide>());
        Assert.Equal(hash, decide.BlockHash);
        Assert.Equal(3, decide.Commit.Signatures.Count);
        Assert.True(CommitVerifier.Verify(decide.Commit, h.Set, EngineHarness.ChainId, out var reason), reason);
        Assert.Empty(h.Votes(VoteStep.Precommit, 1, 0, hash, h.Others[2])); // decided: nothing more happens
    }

    [Fact]
    public void PrecommitQuorumForUnvalidatedBlock_WaitsForValidation()
    {
        var (h, block, hash) = NonProposerAtRound0();
        h.Engine.OnProposal(h.Proposal(1, 0, block));
        Assert.Empty(h.Votes(VoteStep.Precommit, 1, 0, hash, h.Others).OfType<Decide>());
        Assert.Single(h.Engine.OnBlockValidated(1, 0, hash, true).OfType<Decide>());
    }

    [Fact]
    public void PrecommitQuorumAny_SchedulesPrecommitTimeout_WhichStartsNextRound()
    {
        var (h, _, _) = NonProposerAtRound0();
        var others = h.Others;
        var outputs = h.Votes(VoteStep.Precommit, 1, 0, Hash32.Zero, others[0], others[1]);
        outputs.AddRange(h.Votes(VoteStep.Precommit, 1, 0, Hash32.Sha256("x"u8), others[2]));
        Assert.Contains(new ScheduleTimeout(new TimeoutEvent(1, 0, VoteStep.Precommit), 500), outputs);
        var next = h.Engine.OnTimeout(new TimeoutEvent(1, 0, VoteStep.Precommit));
        Assert.Equal(1u, h.Engine.Round);
        Assert.Contains(new ScheduleTimeout(new TimeoutEvent(1, 1, VoteStep.Propose), 1100), next);
    }

    [Fact]
    public void MessagesOfMoreThanOneThirdInAHigherRound_SkipToThatRound()
    {
        var (h, _, _) = NonProposerAtRound0();
        var others = h.Others;
        Assert.Equal(0u, h.Engine.Round);
        h.Votes(VoteStep.Prevote, 1, 5, Hash32.Zero, others[0]);
        Assert.Equal(0u, h.Engine.Round); // 1/4 of the power is not enough
        h.Votes(VoteStep.Precommit, 1, 5, Hash32.Zero, others[1]);
        Assert.Equal(5u, h.Engine.Round);
        Assert.Equal(VoteStep.Propose, h.Engine.Step);
    }
}
