using Seratio.Consensus.Votes;
using Seratio.Core.Crypto;
using Seratio.Protocol;

namespace Seratio.Consensus.Engine;

/// <summary>A step timer: fires for (height, round, step). Immutable value.</summary>
public readonly record struct TimeoutEvent(ulong Height, uint Round, VoteStep Step)
{
    public override string ToString() => $"timeout {Step} {Height}/{Round}";
}

/// <summary>What the engine asks its driver to do. Outputs are returned in the order they must be carried out. Immutable.</summary>
public abstract record ConsensusOutput;

/// <summary>Send a signed message to every peer. Already signed, and the signer state already persisted.</summary>
public sealed record Broadcast(ConsensusMessage Message) : ConsensusOutput;

/// <summary>Call <see cref="ConsensusEngine.OnTimeout"/> with <paramref name="Timeout"/> after <paramref name="DelayMs"/>.</summary>
public sealed record ScheduleTimeout(TimeoutEvent Timeout, long DelayMs) : ConsensusOutput;

/// <summary>This node proposes: build and execute a block for (height, round), then call <see cref="ConsensusEngine.OnBlockProposed"/>.</summary>
public sealed record RequestProposalBlock(ulong Height, uint Round) : ConsensusOutput;

/// <summary>Execute <paramref name="Block"/> and call <see cref="ConsensusEngine.OnBlockValidated"/> (execute before vote).</summary>
public sealed record RequestValidation(ulong Height, uint Round, Block Block, Hash32 BlockHash) : ConsensusOutput;

/// <summary>
/// <paramref name="Block"/> is decided at <paramref name="Height"/>: commit it with <paramref name="Commit"/> (precommits of
/// more than 2/3 of the power, sorted by validator key), then call <see cref="ConsensusEngine.StartHeight"/> for the next height.
/// </summary>
public sealed record Decide(ulong Height, uint Round, Block Block, Hash32 BlockHash, Commit Commit) : ConsensusOutput;

/// <summary>A validator signed two different votes at one (height, round, type).</summary>
public sealed record EvidenceFound(DuplicateVoteEvidence Evidence) : ConsensusOutput;
