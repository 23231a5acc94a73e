using Microsoft.Extensions.Logging;
using Seratio.Node.P2P.Connection;
using Seratio.Node.P2P.Handshake;

namespace Seratio.Node.P2P;

/// <summary>Structured log events of the peer network (event ids 1400–1499).</summary>
internal static partial class P2PLog
{
    [LoggerMessage(EventId = 1400, Level = LogLevel.Information, Message = "P2P listening on {Addresses} as node key {NodeKey} ({Role}); dialling {PeerCount} peers")]
    public static partial void Listening(ILogger logger, string addresses, string nodeKey, string role, int peerCount);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Information, Message = "Peer {Peer} connected ({Direction}, {Remote}, {Role})")]
    public static partial void Connected(ILogger logger, PeerId peer, PeerDirection direction, string remote, PeerRole role);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Information, Message = "Peer {Peer} disconnected ({Direction}, {Remote}): {End}; sent {Sent}, received {Received}, dropped {Dropped}")]
    public static partial void Disconnected(ILogger logger, PeerId peer, PeerDirection direction, string remote, ConnectionEnd end, long sent, long received, long dropped);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Warning, Message = "Refused peer {Remote} ({Direction}, key {NodeKey}): {Outcome}: {Reason}")]
    public static partial void Refused(ILogger logger, string remote, PeerDirection direction, string nodeKey, HandshakeOutcome outcome, string reason);

    [LoggerMessage(EventId = 1404, Level = LogLevel.Debug, Message = "Dial {Address} failed: {Error}; next attempt in {RetryMs} ms")]
    public static partial void DialFailed(ILogger logger, PeerAddress address, string error, long retryMs);

    [LoggerMessage(EventId = 1405, Level = LogLevel.Warning, Message = "Peer {Peer} ({Remote}) disconnected for {End}")]
    public static partial void Misbehaved(ILogger logger, PeerId peer, string remote, ConnectionEnd end);

    [LoggerMessage(EventId = 1406, Level = LogLevel.Debug, Message = "Peer {Peer}: kept the connection dialled by {Dialer}, closed the other")]
    public static partial void DuplicateConnection(ILogger logger, PeerId peer, PeerId dialer);

    [LoggerMessage(EventId = 1408, Level = LogLevel.Debug, Message = "Handshake with {Remote} ({Direction}) ended early: {Reason}")]
    public static partial void HandshakeAborted(ILogger logger, string remote, PeerDirection direction, string reason);

    [LoggerMessage(EventId = 1411, Level = LogLevel.Debug, Message = "Inbound handshake from {Remote} dropped before a Hello: {Outcome}: {Reason}")]
    public static partial void Unidentified(ILogger logger, string remote, HandshakeOutcome outcome, string reason);

    [LoggerMessage(EventId = 1412, Level = LogLevel.Information, Message = "Peer {Peer} reached this node while not connected: dialling {Address} now")]
    public static partial void DialWoken(ILogger logger, PeerId peer, PeerAddress address);

    [LoggerMessage(EventId = 1409, Level = LogLevel.Information, Message = "Peer {Address} unreachable: {Error}; retrying with back-off up to {MaxMs} ms")]
    public static partial void Unreachable(ILogger logger, PeerAddress address, string error, int maxMs);

    [LoggerMessage(EventId = 1407, Level = LogLevel.Warning, Message = "Mempool gossip stopped")]
    public static partial void GossipFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1410, Level = LogLevel.Warning, Message = "Dropped a mempool gossip frame from {Peer} that is not a MempoolTxs message: {Error}")]
    public static partial void BadMempoolFrame(ILogger logger, PeerId peer, string error);
}
