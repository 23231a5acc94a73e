using Seratio.Consensus.Engine;
using Seratio.Consensus.Votes;
using Seratio.Core.Crypto;
using Seratio.Node.P2P;

namespace Seratio.Node.Consensus.State;

/// <summary>What this node does for consensus.</summary>
public enum ConsensusRole
{
    /// <summary>Votes (multi-validator chains) or produces the blocks (a one-validator chain).</summary>
    Validator,
    /// <summary>Follows the chain by block sync.</summary>
    Observer,
}

/// <summary>One connected peer for GetConsensusState: id, endpoint, who dialled, and the head it announced (0 = none yet). Immutable.</summary>
public sealed record PeerView(PeerId Id, string Remote, PeerDirection Direction, bool IsValidator, ulong Height);

/// <summary>
/// A consistent copy of where consensus is on this node (GetConsensusState, docs/api.md), taken on the
/// loop that owns the state. Step null: no consensus runs here. Rounds -1: none. Decided: the height is decided
/// and the next one has not started yet (the commit wait). Immutable; thread safe.
/// </summary>
public sealed record ConsensusSnapshot(
    ConsensusRole Role,
    bool SingleValidator,
    bool Syncing,
    ulong LatestHeight,
    ulong Height,
    uint Round,
    VoteStep? Step,
    PublicKey? Proposer,
    int LockedRound,
    Hash32 LockedHash,
    int ValidRound,
    Hash32 ValidHash,
    long HeightStartUnixMs,
    IReadOnlyList<ValidatorRoundVotes> Validators,
    IReadOnlyList<PeerView> Peers,
    bool Decided = false);

/// <summary>Something that knows where consensus is on this node. Implementations are thread safe.</summary>
public interface IConsensusStateSource
{
    /// <summary>A consistent snapshot, taken where the state lives; waits for that loop at most until <paramref name="cancellationToken"/>.</summary>
    Task<ConsensusSnapshot> SnapshotAsync(CancellationToken cancellationToken);
}
