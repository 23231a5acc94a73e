using Seratio.Consensus.Votes;
using Seratio.Core.Crypto;
using Seratio.Protocol;

namespace Seratio.Consensus.Messages;

/// <summary>Why an incoming consensus message was dropped.</summary>
public enum MessageCheckResult
{
    Valid,
    /// <summary>Missing or ill-sized fields, unknown vote type, pol_round out of range, header height mismatch.</summary>
    Malformed,
    /// <summary>Signed by a key that is not in the validator set.</summary>
    UnknownValidator,
    /// <summary>A proposal by someone else than the proposer of its round.</summary>
    NotProposer,
    BadSignature,
}

/// <summary>
/// A vote whose fields and signature were checked against a validator set. <see cref="BlockHash"/>
/// is <see cref="Hash32.Zero"/> for nil. Immutable value.
/// </summary>
public readonly record struct CheckedVote(VoteStep Step, ulong Height, uint Round, Hash32 BlockHash, PublicKey Validator, ulong Power, Vote Message)
{
    public bool IsNil => BlockHash.IsZero;
}

/// <summary>A proposal whose fields and signature were checked. Immutable value.</summary>
public readonly record struct CheckedProposal(ulong Height, uint Round, int PolRound, Block Block, Hash32 BlockHash, PublicKey Proposer, Proposal Message);
