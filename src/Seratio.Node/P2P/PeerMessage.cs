namespace Seratio.Node.P2P;

/// <summary>A payload received from <paramref name="From"/> on <paramref name="Channel"/>. Immutable; the payload is never reused.</summary>
public readonly record struct PeerMessage(PeerId From, PeerChannel Channel, ReadOnlyMemory<byte> Payload);
