using Google.Protobuf;
using Seratio.Consensus.Engine;
using Seratio.Consensus.Evidence;
using Seratio.Consensus.Messages;
using Seratio.Consensus.Votes;
using Seratio.Core.Crypto;
using Seratio.Protocol;

namespace Seratio.Consensus.Tests.Engine;

public class MessageRejectionTests
{
    private static readonly Hash32 X = Hash32.Sha256("x"u8), Y = Hash32.Sha256("y"u8);

    private static EngineHarness Started()
    {
        var h = new EngineHarness(0, 10, 10, 10, 10);
        h.Engine.StartHeight(1, h.Set);
        return h;
    }

    [Fact]
    public void Vote_WithBadSignature_IsRejected()
    {
        var h = Started();
        var vote = h.Vote(1, VoteStep.Prevote, 1, 0, X);
        vote.BlockHash = Y.ToByteString(); // signed for X, claims Y
        Assert.Empty(h.Engine.OnVote(vote));
        Assert.Equal(MessageCheckResult.BadSignature, h.Engine.LastRejection);
    }

    [Fact]
    public void Vote_ByAKeyOutsideTheSet_IsRejected()
    {
        var h = Started();
        var outsider = SigningKey.ForTesting("outsider");
        var vote = new Vote
        {
            Type = VoteType.Prevote, Height = 1, Round = 0, BlockHash = X.ToByteString(), Validator = outsider.PublicKey.ToByteString(),
            Signature = ByteString.CopyFrom(outsider.Sign(VoteSignBytes.Create(EngineHarness.ChainId, 1, 0, VoteStep.Prevote, X))),
        };
        h.Engine.OnVote(vote);
        Assert.Equal(MessageCheckResult.UnknownValidator, h.Engine.LastRejection);
    }

    [Theory]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(-32)] // 32 zero bytes: nil must be empty, so every vote has one encoding
    public void Vote_WithIllFormedBlockHash_IsRejected(int length)
    {
        var h = Started();
        var vote = h.Vote(1, VoteStep.Prevote, 1, 0, X);
        vote.BlockHash = ByteString.CopyFrom(length < 0 ? new byte[-length] : Enumerable.Repeat((byte)7, length).ToArray());
        h.Engine.OnVote(vote);
        Assert.Equal(MessageCheckResult.Malformed, h.Engine.LastRejection);
        Assert.Equal(1, h.Engine.Rejected);
    }

    [Fact]
    public void Vote_OfUnknownType_IsRejected()
    {
        var h = Started();
        var vote = h.Vote(1, VoteStep.Prevote, 1, 0, X);
        vote.Type = VoteType.Unspecified;
        h.Engine.OnVote(vote);
        Assert.Equal(MessageCheckResult.Malformed, h.Engine.LastRejection);
    }

    [Fact]
    public void Proposal_WithProofOfLockRoundNotBeforeItsRound_IsRejected()
    {
        var h = Started();
        var p = h.Proposal(1, 2, EngineHarness.Block(1, "p"), polRound: 2);
        Assert.Equal(MessageCheckResult.Malformed, MessageChecks.CheckProposal(p, h.Keys[h.ProposerIndex(1, 2)].PublicKey, EngineHarness.ChainId, out _));
    }

    [Fact]
    public void Proposal_WhoseBlockHeightDiffersFromItsHeight_IsRejected()
    {
        var h = Started();
        var p = h.Proposal(1, 0, EngineHarness.Block(2, "p"));
        Assert.Equal(MessageCheckResult.Malformed, MessageChecks.CheckProposal(p, h.Keys[h.ProposerIndex(1, 0)].PublicKey, EngineHarness.ChainId, out _));
    }

    [Fact]
    public void Proposal_WithTamperedPolRound_FailsItsSignature()
    {
        var h = Started();
        var p = h.Proposal(1, 3, EngineHarness.Block(1, "p"), polRound: 1);
        p.PolRound = -1;
        Assert.Equal(MessageCheckResult.BadSignature, MessageChecks.CheckProposal(p, h.Keys[h.ProposerIndex(1, 3)].PublicKey, EngineHarness.ChainId, out _));
    }

    [Fact]
    public void EmptyMessage_IsRejected()
    {
        var h = Started();
        Assert.Empty(h.Engine.OnMessage(new ConsensusMessage()));
        Assert.Equal(1, h.Engine.Rejected);
    }

    [Fact]
    public void DoubleVote_BecomesEvidenceOnce()
    {
        var h = Started();
        Assert.Empty(h.Engine.OnVote(h.Vote(2, VoteStep.Prevote, 1, 0, X)).OfType<EvidenceFound>());
        var evidence = Assert.Single(h.Engine.OnVote(h.Vote(2, VoteStep.Prevote, 1, 0, Y)).OfType<EvidenceFound>()).Evidence;
        Assert.Equal(EvidenceCheckResult.Valid, DuplicateVotes.Check(evidence, h.Set, EngineHarness.ChainId));
        Assert.Equal(h.Keys[2].PublicKey.ToByteString(), evidence.VoteA.Validator);
        Assert.Empty(h.Engine.OnVote(h.Vote(2, VoteStep.Prevote, 1, 0, Hash32.Zero)).OfType<EvidenceFound>());
    }

    [Fact]
    public void SameVoteTwice_IsNeitherEvidenceNorCountedTwice()
    {
        var h = Started();
        var vote = h.Vote(2, VoteStep.Prevote, 1, 0, X);
        h.Engine.OnVote(vote);
        Assert.Empty(h.Engine.OnVote(vote));
        Assert.Empty(h.Engine.OnVote(h.Vote(2, VoteStep.Prevote, 1, 0, X)));
        Assert.Equal(0, h.Engine.Rejected);
    }

    [Fact]
    public void Evidence_VotesForTheSameBlock_IsNotMisbehaviour()
    {
        var h = Started();
        var evidence = new DuplicateVoteEvidence { VoteA = h.Vote(1, VoteStep.Precommit, 1, 0, X), VoteB = h.Vote(1, VoteStep.Precommit, 1, 0, X) };
        Assert.Equal(EvidenceCheckResult.SameBlock, DuplicateVotes.Check(evidence, h.Set, EngineHarness.ChainId));
    }

    [Fact]
    public void Evidence_VotesOfDifferentRounds_IsNotMisbehaviour()
    {
        var h = Started();
        var evidence = new DuplicateVoteEvidence { VoteA = h.Vote(1, VoteStep.Precommit, 1, 0, X), VoteB = h.Vote(1, VoteStep.Precommit, 1, 1, Y) };
        Assert.Equal(EvidenceCheckResult.NotSameSlot, DuplicateVotes.Check(evidence, h.Set, EngineHarness.ChainId));
    }

    [Fact]
    public void Evidence_WithAForgedVote_IsRefused()
    {
        var h = Started();
        var forged = h.Vote(1, VoteStep.Precommit, 1, 0, Y);
        forged.Signature = h.Vote(1, VoteStep.Precommit, 1, 0, X).Signature;
        var evidence = new DuplicateVoteEvidence { VoteA = h.Vote(1, VoteStep.Precommit, 1, 0, X), VoteB = forged };
        Assert.Equal(EvidenceCheckResult.InvalidVote, DuplicateVotes.Check(evidence, h.Set, EngineHarness.ChainId));
    }
}
