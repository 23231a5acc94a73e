namespace Seratio.Node.Blocks;

/// <summary>Why a proposed or synced block is not valid on the current head (Valid when it is).</summary>
public enum BlockCheck
{
    Valid,
    NotNextHeight,
    WrongChain,
    WrongParent,
    TimeNotAfterParent,
    WrongValidatorsHash,
    UnknownProposer,
    BadLastCommit,
    TooLarge,
    BadTransaction,
    /// <summary>A transaction's signature does not verify: a proposer may not include what the mempool would refuse.</summary>
    BadSignature,
    TxRootMismatch,
    StateRootMismatch,
    ResultsRootMismatch,
    /// <summary>The header's evidence_root is not the root of the block's evidence.</summary>
    EvidenceRootMismatch,
    /// <summary>An evidence is inadmissible (unverifiable, too old, already committed), repeated, or there are too many.</summary>
    BadEvidence,
}
