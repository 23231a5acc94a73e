using Seratio.Consensus.Votes;
using Seratio.Core.Crypto;

namespace Seratio.Consensus.Engine;

/// <summary>
/// What one validator did in the current round, as this node has seen it. A null vote is absent
/// (nothing received); <see cref="Hash32.Zero"/> is a vote for nil. Immutable value.
/// </summary>
public readonly record struct ValidatorRoundVotes(PublicKey Key, ulong Power, Hash32? Prevote, Hash32? Precommit);

/// <summary>
/// A read-only copy of the engine's state for status displays (GetConsensusState): height, round,
/// step, the round's proposer, locked and valid values (rounds -1 = none) and, per validator in
/// key order, its prevote and precommit of the current round. Taken by <see cref="ConsensusEngine.View"/>
/// on the engine's thread; immutable afterwards, so any thread may read it.
/// </summary>
public sealed record ConsensusView(
    ulong Height,
    uint Round,
    VoteStep Step,
    PublicKey Proposer,
    int LockedRound,
    Hash32 LockedHash,
    int ValidRound,
    Hash32 ValidHash,
    bool Decided,
    IReadOnlyList<ValidatorRoundVotes> Validators);
