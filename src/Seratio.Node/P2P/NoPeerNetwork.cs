using System.Threading.Channels;
using Seratio.Core.Crypto;

namespace Seratio.Node.P2P;

/// <summary>
/// The peer network of a node configured without one (no "P2P" section): no peers, nothing sent,
/// nothing received. A one-validator chain runs the same consensus driver over it as a network of
/// many, deciding each height with its own votes. Immutable; thread safe.
/// </summary>
public sealed class NoPeerNetwork(PublicKey self) : IPeerNetwork
{
    private readonly Channel<PeerMessage> _never = Channel.CreateBounded<PeerMessage>(1);

    public PeerId Self { get; } = new(self);

    public IReadOnlyList<PeerInfo> Peers => [];

    public int Broadcast(PeerChannel channel, ReadOnlyMemory<byte> payload) => 0;

    public bool Send(PeerId peer, PeerChannel channel, ReadOnlyMemory<byte> payload) => false;

    public ChannelReader<PeerMessage> Received(PeerChannel channel) => _never.Reader;

    public long ReceiveDrops(PeerChannel channel) => 0;

    public void Forget(PeerChannel channel, ReadOnlyMemory<byte> payload) { }

    // Never raised: there are no peers to connect or leave.
    public event Action<PeerId>? PeerConnected { add { } remove { } }

    public event Action<PeerId>? PeerDisconnected { add { } remove { } }
}
