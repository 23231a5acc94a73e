using Seratio.Core.Chain;
using Seratio.Node.Blocks;
using Seratio.Node.Blocks.Evidence;
using Seratio.Node.Consensus;
using Seratio.Node.Consensus.Evidence;
using Seratio.Protocol;
using Seratio.Vm.Modules.Validators;
using Seratio.Vm.State;

namespace Seratio.Node.Tests.Consensus;

/// <summary>Evidence in blocks: what a proposer includes, what validators refuse (the block is then invalid: prevote nil).</summary>
public sealed class BlockEvidenceTests : IDisposable
{
    private readonly ConsensusChain _chain = new(validators: 4, new ChainParams { EvidenceMaxAgeHeights = 3 });

    private static Block WithEvidence(Block block, params Evidence[] evidence)
    {
        var copy = block.Clone();
        copy.Evidence.Add(evidence);
        copy.Header.EvidenceRoot = EvidenceVerifier.Root(copy.Evidence);
        return copy;
    }

    [Fact]
    public void ValidEvidence_IsIncluded_Verified_Committed_AndJailsTheOffender()
    {
        _chain.CommitNext();
        var evidence = ConsensusChain.DoubleVote(2, height: 1);
        var block = _chain.Next(evidence: [evidence]);
        Assert.Single(block.Block.Evidence);
        Assert.False(block.Block.Header.EvidenceRoot.IsEmpty);

        Assert.Equal(BlockCheck.Valid, _chain.Candidates().Check(block.Block.Clone(), out _));
        _chain.Commit(block);

        var hash = EvidenceVerifier.Hash(evidence);
        var record = EvidenceRecord.Parser.ParseFrom(_chain.Chain.LatestState.Get(ValidatorKeys.Evidence(hash)));
        Assert.Equal(2UL, record.IncludedHeight);
        Assert.True(record.Jailed);
        _chain.CommitNext(); // height 3 begins with next := pending
        Assert.False(_chain.Sets.For(4).Contains(ConsensusChain.Key(2).PublicKey));
        Assert.True(_chain.Sets.For(3).Contains(ConsensusChain.Key(2).PublicKey));
    }

    [Fact]
    public void BlockWithoutEvidence_HasAnEmptyEvidenceRoot()
    {
        Assert.True(_chain.Next().Block.Header.EvidenceRoot.IsEmpty);
    }

    [Fact]
    public void EvidenceWhoseRootIsNotInTheHeader_MakesTheBlockInvalid()
    {
        _chain.CommitNext();
        var block = _chain.Next().Block.Clone();
        block.Evidence.Add(ConsensusChain.DoubleVote(1, 1));
        Assert.Equal(BlockCheck.EvidenceRootMismatch, _chain.Candidates().Check(block, out _));
    }

    [Fact]
    public void TheSameEvidenceTwiceInABlock_MakesItInvalid()
    {
        _chain.CommitNext();
        var evidence = ConsensusChain.DoubleVote(1, 1);
        Assert.Equal(BlockCheck.BadEvidence, _chain.Candidates().Check(WithEvidence(_chain.Next().Block, evidence, evidence), out _));
    }

    [Fact]
    public void EvidenceCommittedBefore_MakesABlockInvalid_AndProposersLeaveItOut()
    {
        _chain.CommitNext();
        var evidence = ConsensusChain.DoubleVote(1, 1);
        _chain.CommitNext(evidence: [evidence]);
        Assert.Equal(EvidenceCheck.AlreadyCommitted, _chain.Candidates().Evidence.Check(evidence, 3, out _));
        Assert.Equal(BlockCheck.BadEvidence, _chain.Candidates().Check(WithEvidence(_chain.Next().Block, evidence), out _));
        Assert.Empty(_chain.Next(evidence: [evidence]).Block.Evidence);
    }

    [Fact]
    public void EvidenceOlderThanTheMaxAge_MakesABlockInvalid()
    {
        for (int i = 0; i < 4; i++) _chain.CommitNext();
        var evidence = ConsensusChain.DoubleVote(1, 1); // block 5 is 4 heights above; the limit is 3
        Assert.Equal(EvidenceCheck.TooOld, _chain.Candidates().Evidence.Check(evidence, 5, out _));
        Assert.Equal(BlockCheck.BadEvidence, _chain.Candidates().Check(WithEvidence(_chain.Next().Block, evidence), out _));
    }

    [Fact]
    public void EvidenceWithABadSignature_MakesABlockInvalid()
    {
        _chain.CommitNext();
        var evidence = ConsensusChain.DoubleVote(1, 1);
        var sig = evidence.DuplicateVote.VoteB.Signature.ToByteArray();
        sig[0] ^= 1;
        evidence.DuplicateVote.VoteB.Signature = Google.Protobuf.ByteString.CopyFrom(sig);
        Assert.Equal(EvidenceCheck.InvalidVotes, _chain.Candidates().Evidence.Check(evidence, 2, out _));
        Assert.Equal(BlockCheck.BadEvidence, _chain.Candidates().Check(WithEvidence(_chain.Next().Block, evidence), out _));
    }

    [Theory]
    [InlineData("swapped")]
    [InlineData("same block")]
    [InlineData("future")]
    [InlineData("not a validator")]
    public void MalformedEvidence_IsRefusedWithItsReason(string kind)
    {
        _chain.CommitNext();
        var evidence = ConsensusChain.DoubleVote(1, 1);
        var expected = kind switch
        {
            "swapped" => EvidenceCheck.NotCanonical,
            "same block" => EvidenceCheck.NoConflict,
            "future" => EvidenceCheck.FutureHeight,
            _ => EvidenceCheck.InvalidVotes,
        };
        var d = evidence.DuplicateVote;
        switch (kind)
        {
            case "swapped": (d.VoteA, d.VoteB) = (d.VoteB, d.VoteA); break;
            case "same block": d.VoteB = d.VoteA.Clone(); break;
            case "future": evidence = ConsensusChain.DoubleVote(1, 5); break;
            default: evidence = ConsensusChain.DoubleVote(5, 1); break; // key 5 is in no set
        }
        Assert.Equal(expected, _chain.Candidates().Evidence.Check(evidence, 2, out _));
    }

    [Fact]
    public void EvidenceAgainstAValidatorOfItsHeight_IsValid_AfterTheValidatorLeftTheSet()
    {
        _chain.CommitNext([_chain.SetValidator(3, 0)]); // height 1 removes validator 3 from height 3
        _chain.CommitNext();
        _chain.CommitNext();
        Assert.False(_chain.Sets.For(4).Contains(ConsensusChain.Key(3).PublicKey));
        Assert.Equal(EvidenceCheck.Valid, _chain.Candidates().Evidence.Check(ConsensusChain.DoubleVote(3, 2), 4, out _));
        Assert.Equal(EvidenceCheck.InvalidVotes, _chain.Candidates().Evidence.Check(ConsensusChain.DoubleVote(3, 3), 4, out _));
    }

    [Fact]
    public void Pool_KeepsEachEvidenceOnce_OldestFirst_AndPrunes()
    {
        var pool = new EvidencePool();
        var late = ConsensusChain.DoubleVote(1, 5);
        var early = ConsensusChain.DoubleVote(2, 1);
        Assert.True(pool.Add(late, EvidenceVerifier.Hash(late), 5));
        Assert.True(pool.Add(early, EvidenceVerifier.Hash(early), 1));
        Assert.False(pool.Add(early, EvidenceVerifier.Hash(early), 1));
        Assert.Equal([early, late], pool.All());
        pool.Prune(e => e.Equals(early));
        Assert.Equal([late], pool.All());
    }

    public void Dispose() => _chain.Dispose();
}
