using System.Threading.Channels;

namespace Seratio.Node.P2P;

/// <summary>
/// The node's view of its peers: send opaque payloads on a channel, read what peers sent. Sending
/// never blocks: each peer has a bounded send queue that drops its oldest frames when full (the
/// drops are counted in <see cref="PeerInfo.DroppedFrames"/>). On gossip channels (Consensus,
/// Mempool) a payload that was already received or broadcast is delivered at most once, and
/// <see cref="Broadcast"/> skips the peer it first came from, so a consumer that re-broadcasts what
/// it accepts re-gossips each message exactly once. Payloads are queued as they are, without a
/// copy: do not change a payload's bytes after passing it in. Payloads larger than
/// <see cref="P2POptions.MaxFrameBytes"/> are a bug of the caller (ArgumentException). Thread safe.
/// </summary>
public interface IPeerNetwork
{
    /// <summary>This node's own id (its node key).</summary>
    PeerId Self { get; }

    /// <summary>The connected (handshaken) peers, ordered by id.</summary>
    IReadOnlyList<PeerInfo> Peers { get; }

    /// <summary>
    /// Queues <paramref name="payload"/> to every connected peer, except, on a gossip channel, the
    /// peer this exact payload was first received from. Returns the number of peers it was queued to.
    /// </summary>
    int Broadcast(PeerChannel channel, ReadOnlyMemory<byte> payload);

    /// <summary>Queues <paramref name="payload"/> to one peer; false when that peer is not connected.</summary>
    bool Send(PeerId peer, PeerChannel channel, ReadOnlyMemory<byte> payload);

    /// <summary>
    /// What peers sent on <paramref name="channel"/>, in arrival order, duplicates removed on gossip
    /// channels. Bounded: when the consumer falls behind, the oldest unread messages are dropped
    /// (counted in <see cref="ReceiveDrops"/>). One reader per channel is expected.
    /// </summary>
    ChannelReader<PeerMessage> Received(PeerChannel channel);

    /// <summary>
    /// The consumer could not use <paramref name="payload"/> yet (a vote of a height it has not reached) and dropped
    /// it: forget that it was received, so the same bytes re-sent by a peer's gossip are delivered again instead of
    /// being refused as a duplicate for as long as the peer keeps re-sending them.
    /// </summary>
    void Forget(PeerChannel channel, ReadOnlyMemory<byte> payload);

    /// <summary>Messages dropped on <paramref name="channel"/> because its consumer fell behind.</summary>
    long ReceiveDrops(PeerChannel channel);

    /// <summary>Raised (on a transport thread; keep it short) when a peer completes the handshake.</summary>
    event Action<PeerId>? PeerConnected;

    /// <summary>Raised (on a transport thread; keep it short) when a peer's connection ends.</summary>
    event Action<PeerId>? PeerDisconnected;
}
