namespace Seratio.Node.Blocks.Evidence;

/// <summary>Why a piece of evidence is not admissible in a block at a given height (Valid when it is).</summary>
public enum EvidenceCheck
{
    Valid,
    /// <summary>Not a duplicate-vote evidence with two well-formed votes.</summary>
    Malformed,
    /// <summary>Not in canonical form (votes ordered by block hash, no unknown fields), so its hash would not be unique.</summary>
    NotCanonical,
    /// <summary>Its height is above the including block's, or its validator set is not known yet.</summary>
    FutureHeight,
    /// <summary>Its height is more than params.evidence_max_age_heights below the including block's.</summary>
    TooOld,
    /// <summary>A vote is not validly signed by a validator of the evidence's height.</summary>
    InvalidVotes,
    /// <summary>The votes are at different slots or for the same block: no misbehaviour.</summary>
    NoConflict,
    /// <summary>The chain committed this evidence already.</summary>
    AlreadyCommitted,
}
