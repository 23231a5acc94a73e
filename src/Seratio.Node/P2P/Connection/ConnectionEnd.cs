namespace Seratio.Node.P2P.Connection;

/// <summary>Why an established peer connection ended.</summary>
public enum ConnectionEnd
{
    /// <summary>The peer ended the stream.</summary>
    PeerClosed,
    /// <summary>This node is shutting down or dropped the peer.</summary>
    LocalClosed,
    /// <summary>Another connection to the same peer was kept instead (simultaneous dial, or a reconnect).</summary>
    Replaced,
    /// <summary>The peer sent more than its inbound budget (bytes or frames per second).</summary>
    Flooding,
    /// <summary>The peer sent a frame the protocol does not allow after the handshake.</summary>
    ProtocolViolation,
    /// <summary>The transport failed (connection reset, oversized frame, keep-alive timeout, …).</summary>
    TransportError,
}
