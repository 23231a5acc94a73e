using Seratio.Consensus.Engine;
using Seratio.Node.P2P;

namespace Seratio.Node.Consensus;

/// <summary>One input of the driver's loop. Immutable.</summary>
internal abstract record DriverInput;

/// <summary>A payload from a peer on the Consensus or Sync channel.</summary>
internal sealed record PeerInput(PeerMessage Message) : DriverInput;

/// <summary>A step timer fired.</summary>
internal sealed record TimeoutInput(TimeoutEvent Timeout) : DriverInput;

/// <summary>Periodic: gossip when stuck, announce the head, ask for blocks when behind.</summary>
internal sealed record TickInput : DriverInput;

/// <summary>The wait after a commit is over: start <paramref name="Height"/>.</summary>
internal sealed record StartHeightInput(ulong Height) : DriverInput;

/// <summary>The write of a decided block is durable: finish its commit on the loop.</summary>
internal sealed record CommittedInput : DriverInput;

/// <summary>A peer's connection ended.</summary>
internal sealed record PeerGoneInput(PeerId Peer) : DriverInput;

/// <summary>GetConsensusState asks for a snapshot, answered on the loop.</summary>
internal sealed record SnapshotInput(TaskCompletionSource<State.ConsensusSnapshot> Reply) : DriverInput;
