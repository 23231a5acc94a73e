namespace Seratio.Node.Consensus;

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
    TxRootMismatch,
    StateRootMismatch,
    ResultsRootMismatch,
}
