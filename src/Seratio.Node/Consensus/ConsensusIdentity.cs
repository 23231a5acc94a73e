using Seratio.Consensus.Signing;
using Seratio.Consensus.Wal;
using Seratio.Node.Blocks;

namespace Seratio.Node.Consensus;

/// <summary>What makes a node a voting validator: its key, its durable signer state and its consensus WAL. Owned by the driver.</summary>
public sealed record ConsensusIdentity(ValidatorKey Key, ISignerStateStore SignerState, IConsensusWal Wal);
