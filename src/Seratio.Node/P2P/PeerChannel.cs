namespace Seratio.Node.P2P;

/// <summary>
/// The logical channels multiplexed over one peer connection. Payloads are opaque bytes to the
/// transport. Consensus and Mempool are gossip channels (duplicates suppressed); Sync is
/// point-to-point (request / response, never deduplicated). The numbers are on the wire.
/// </summary>
public enum PeerChannel
{
    Consensus = 1,
    Mempool = 2,
    Sync = 3,
}

/// <summary>Helpers over <see cref="PeerChannel"/>. Stateless.</summary>
public static class PeerChannels
{
    /// <summary>Every channel, in wire order.</summary>
    public static readonly IReadOnlyList<PeerChannel> All = [PeerChannel.Consensus, PeerChannel.Mempool, PeerChannel.Sync];

    /// <summary>Whether a received payload seen before on this channel is dropped.</summary>
    public static bool IsGossip(this PeerChannel channel) => channel is PeerChannel.Consensus or PeerChannel.Mempool;

    /// <summary>Whether <paramref name="wire"/> names a known channel.</summary>
    public static bool TryFromWire(uint wire, out PeerChannel channel)
    {
        channel = (PeerChannel)wire;
        return wire is >= 1 and <= 3;
    }

    /// <summary>0-based slot of a channel in per-channel arrays; a value outside the enum is a caller's bug.</summary>
    internal static int Index(this PeerChannel channel) =>
        channel is >= PeerChannel.Consensus and <= PeerChannel.Sync
            ? (int)channel - 1
            : throw new ArgumentOutOfRangeException(nameof(channel), channel, "not a peer channel");
}
