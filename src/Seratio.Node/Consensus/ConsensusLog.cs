using Microsoft.Extensions.Logging;
using Seratio.Core.Crypto;
using Seratio.Node.Blocks;

namespace Seratio.Node.Consensus;

/// <summary>Structured logs of the consensus driver and block sync. Event ids 1500–1529 are stable.</summary>
internal static partial class ConsensusLog
{
    [LoggerMessage(EventId = 1500, Level = LogLevel.Information, Message = "Consensus started at head {Height} as {Role} {Key} with {Validators} validators")]
    public static partial void Started(ILogger logger, ulong height, string role, string key, int validators);

    [LoggerMessage(EventId = 1501, Level = LogLevel.Information, Message = "Committed block {Height} round {Round} with {Txs} txs ({Hash})")]
    public static partial void Committed(ILogger logger, ulong height, uint round, int txs, Hash32 hash);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Information, Message = "Synced block {Height} with {Txs} txs from {Peer} ({Hash})")]
    public static partial void Synced(ILogger logger, ulong height, int txs, string peer, Hash32 hash);

    [LoggerMessage(EventId = 1503, Level = LogLevel.Warning, Message = "Block {Height} ({Hash}) proposed in round {Round} is invalid: {Reason}")]
    public static partial void InvalidProposal(ILogger logger, ulong height, uint round, Hash32 hash, BlockCheck reason);

    [LoggerMessage(EventId = 1511, Level = LogLevel.Warning,
        Message = "Peer {Peer} pruned its blocks below height {Earliest} (Storage:KeepBlocks) and cannot serve block {Needed}; asking other peers. Sync a new node from an archive node (validators keep every block)")]
    public static partial void SyncPeerPruned(ILogger logger, string peer, ulong earliest, ulong needed);

    [LoggerMessage(EventId = 1504, Level = LogLevel.Warning, Message = "Refused synced block {Height} from {Peer}: {Reason}")]
    public static partial void RefusedSyncBlock(ILogger logger, ulong height, string peer, string reason);

    [LoggerMessage(EventId = 1505, Level = LogLevel.Warning, Message = "Duplicate votes by validator {Validator} at height {Height} round {Round}")]
    public static partial void Evidence(ILogger logger, string validator, ulong height, uint round);

    [LoggerMessage(EventId = 1506, Level = LogLevel.Information, Message = "Status: height {Height} round {Round} step {Step}, head {Head}, {Peers} peers")]
    public static partial void Status(ILogger logger, ulong height, uint round, string step, ulong head, int peers);

    [LoggerMessage(EventId = 1507, Level = LogLevel.Critical, Message = "The consensus driver failed at head {Height}; stopping")]
    public static partial void Failed(ILogger logger, ulong height, Exception exception);

    [LoggerMessage(EventId = 1508, Level = LogLevel.Debug, Message = "Dropped a malformed {Channel} message from {Peer}")]
    public static partial void Malformed(ILogger logger, string channel, string peer);

    [LoggerMessage(EventId = 1509, Level = LogLevel.Information, Message = "Behind: asking {Peer} (at {PeerHeight}) for blocks from {From}")]
    public static partial void SyncRequest(ILogger logger, string peer, ulong peerHeight, ulong from);

    [LoggerMessage(EventId = 1510, Level = LogLevel.Information, Message = "Recovered consensus at height {Height}: round {Round} step {Step}")]
    public static partial void Recovered(ILogger logger, ulong height, uint round, string step);

    [LoggerMessage(EventId = 1540, Level = LogLevel.Information, Message = "From height {Height} this node is {Role} ({Validators} validators)")]
    public static partial void VotingChanged(ILogger logger, ulong height, string role, int validators);

    [LoggerMessage(EventId = 1541, Level = LogLevel.Debug, Message = "Evidence refused: {Reason}")]
    public static partial void EvidenceRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 1542, Level = LogLevel.Warning, Message = "Evidence against validator {Validator} at height {Height} pooled for the next block ({Hash})")]
    public static partial void EvidencePooled(ILogger logger, string validator, ulong height, Seratio.Core.Crypto.Hash32 hash);
}
