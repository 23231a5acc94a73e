using Seratio.Consensus.Messages;
using Seratio.Consensus.Validators;
using Seratio.Protocol;

namespace Seratio.Consensus.Evidence;

/// <summary>Why duplicate-vote evidence was refused.</summary>
public enum EvidenceCheckResult
{
    Valid,
    /// <summary>A vote is missing, malformed, unknown or badly signed.</summary>
    InvalidVote,
    /// <summary>The votes are by different validators or at different height, round or type.</summary>
    NotSameSlot,
    /// <summary>The votes are for the same block: no misbehaviour.</summary>
    SameBlock,
}

/// <summary>
/// Duplicate-vote evidence: two validly signed votes of one validator at one (height, round,
/// type) for different blocks (nil counts as a block). Votes are ordered canonically (lower
/// block hash first) so that the same misbehaviour always yields the same evidence. Pure; thread safe.
/// </summary>
public static class DuplicateVotes
{
    public static DuplicateVoteEvidence Create(in CheckedVote a, in CheckedVote b)
    {
        if (a.Validator != b.Validator || a.Height != b.Height || a.Round != b.Round || a.Step != b.Step)
            throw new ArgumentException("evidence needs two votes of one validator at one height, round and type");
        if (a.BlockHash == b.BlockHash) throw new ArgumentException("evidence needs votes for different blocks");
        var (first, second) = a.BlockHash < b.BlockHash ? (a, b) : (b, a);
        return new DuplicateVoteEvidence { VoteA = first.Message.Clone(), VoteB = second.Message.Clone() };
    }

    public static EvidenceCheckResult Check(DuplicateVoteEvidence evidence, ValidatorSet validators, string chainId)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        if (evidence.VoteA is null || evidence.VoteB is null) return EvidenceCheckResult.InvalidVote;
        if (MessageChecks.CheckVote(evidence.VoteA, validators, chainId, out var a) != MessageCheckResult.Valid) return EvidenceCheckResult.InvalidVote;
        if (MessageChecks.CheckVote(evidence.VoteB, validators, chainId, out var b) != MessageCheckResult.Valid) return EvidenceCheckResult.InvalidVote;
        if (a.Validator != b.Validator || a.Height != b.Height || a.Round != b.Round || a.Step != b.Step) return EvidenceCheckResult.NotSameSlot;
        return a.BlockHash == b.BlockHash ? EvidenceCheckResult.SameBlock : EvidenceCheckResult.Valid;
    }
}
