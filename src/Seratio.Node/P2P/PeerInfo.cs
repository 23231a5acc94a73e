namespace Seratio.Node.P2P;

/// <summary>Which side opened a connection.</summary>
public enum PeerDirection
{
    /// <summary>The peer dialled this node.</summary>
    Inbound,
    /// <summary>This node dialled the peer.</summary>
    Outbound,
}

/// <summary>A snapshot of one connected peer and its counters. Immutable.</summary>
/// <param name="Id">The peer's proven node key.</param>
/// <param name="Direction">Who dialled.</param>
/// <param name="Remote">The remote endpoint as the transport reports it.</param>
/// <param name="IsValidator">Whether genesis lists the key as a validator (else an allowed observer).</param>
/// <param name="QueuedFrames">Frames waiting to be sent now.</param>
/// <param name="QueuedBytes">Payload bytes waiting to be sent now.</param>
/// <param name="DroppedFrames">Frames dropped (oldest first) because the send queue was full.</param>
/// <param name="SentFrames">Frames written to the peer.</param>
/// <param name="ReceivedFrames">Frames read from the peer after the handshake.</param>
public sealed record PeerInfo(
    PeerId Id,
    PeerDirection Direction,
    string Remote,
    bool IsValidator,
    int QueuedFrames,
    long QueuedBytes,
    long DroppedFrames,
    long SentFrames,
    long ReceivedFrames);
