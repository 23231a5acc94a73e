namespace Seratio.Node.P2P.Connection;

/// <summary>A payload waiting in a peer's send queue. Immutable; the payload is shared, never copied.</summary>
public readonly record struct OutboundFrame(PeerChannel Channel, ReadOnlyMemory<byte> Payload)
{
    /// <summary>Bytes charged to the queue: the payload plus the frame's fixed cost.</summary>
    public int QueueSize => Payload.Length + Overhead;

    internal const int Overhead = 32;
}
