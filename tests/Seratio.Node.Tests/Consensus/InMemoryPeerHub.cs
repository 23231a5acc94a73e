using System.Threading.Channels;
using Seratio.Core.Crypto;
using Seratio.Node.P2P;

namespace Seratio.Node.Tests.Consensus;

/// <summary>
/// A fully connected in-memory network of <see cref="InMemoryPeerNetwork"/>s: payloads are delivered at once, in
/// order, to every joined node that is not isolated. The test can isolate and reconnect a node (peers see it
/// disconnect and connect), drop payloads by a filter, and read what each node sent (kept even when dropped).
/// Thread safe.
/// </summary>
internal sealed class InMemoryPeerHub
{
    private readonly Lock _lock = new();
    private readonly Dictionary<PeerId, InMemoryPeerNetwork> _joined = [];
    private readonly HashSet<PeerId> _isolated = [];
    private readonly List<(PeerId From, PeerChannel Channel, byte[] Payload)> _sent = [];
    private Func<PeerId, PeerChannel, ReadOnlyMemory<byte>, bool>? _drop;

    /// <summary>Payloads for which this returns true are sent (and logged) but reach nobody. Null: drop nothing.</summary>
    public Func<PeerId, PeerChannel, ReadOnlyMemory<byte>, bool>? Drop
    {
        get { lock (_lock) return _drop; }
        set { lock (_lock) _drop = value; }
    }

    /// <summary>Every payload each node sent on <paramref name="channel"/>, in order.</summary>
    public IReadOnlyList<byte[]> SentBy(PeerId from, PeerChannel channel)
    {
        lock (_lock) return _sent.Where(s => s.From == from && s.Channel == channel).Select(s => s.Payload).ToList();
    }

    /// <summary>A fresh network for <paramref name="id"/> (replacing one it had: a restart), connected to every other joined node.</summary>
    public InMemoryPeerNetwork Join(PeerId id)
    {
        var network = new InMemoryPeerNetwork(this, id);
        Leave(id);
        List<InMemoryPeerNetwork> others;
        lock (_lock)
        {
            _joined[id] = network;
            others = Reachable(id);
        }
        foreach (var other in others) { other.RaiseConnected(id); network.RaiseConnected(other.Self); }
        return network;
    }

    /// <summary>The node's network goes away (its node stopped); peers see it disconnect.</summary>
    public void Leave(PeerId id)
    {
        List<InMemoryPeerNetwork> others;
        lock (_lock)
        {
            if (!_joined.ContainsKey(id)) return;
            others = Reachable(id);
            _joined.Remove(id);
        }
        foreach (var other in others) other.RaiseDisconnected(id);
    }

    /// <summary>Cuts every link of <paramref name="id"/> until <see cref="Reconnect"/>.</summary>
    public void Isolate(PeerId id)
    {
        List<InMemoryPeerNetwork> others;
        InMemoryPeerNetwork? own;
        lock (_lock)
        {
            others = Reachable(id);
            _isolated.Add(id);
            _joined.TryGetValue(id, out own);
        }
        foreach (var other in others) { other.RaiseDisconnected(id); own?.RaiseDisconnected(other.Self); }
    }

    public void Reconnect(PeerId id)
    {
        List<InMemoryPeerNetwork> others;
        InMemoryPeerNetwork? own;
        lock (_lock)
        {
            _isolated.Remove(id);
            others = Reachable(id);
            _joined.TryGetValue(id, out own);
        }
        foreach (var other in others) { other.RaiseConnected(id); own?.RaiseConnected(other.Self); }
    }

    internal IReadOnlyList<PeerId> PeersOf(PeerId id)
    {
        lock (_lock) return [.. Reachable(id).Select(n => n.Self).Order()];
    }

    /// <summary>Logs the payload and delivers it to <paramref name="to"/> (or every reachable peer but <paramref name="skip"/>); returns how many it was queued to.</summary>
    internal int Send(PeerId from, PeerId? to, PeerId? skip, PeerChannel channel, ReadOnlyMemory<byte> payload)
    {
        List<InMemoryPeerNetwork> targets;
        lock (_lock)
        {
            _sent.Add((from, channel, payload.ToArray()));
            targets = [.. Reachable(from).Where(n => (to is null || n.Self == to) && n.Self != skip)];
            if (_drop?.Invoke(from, channel, payload) == true) return targets.Count;
        }
        foreach (var target in targets) target.Deliver(from, channel, payload);
        return targets.Count;
    }

    private List<InMemoryPeerNetwork> Reachable(PeerId id)
    {
        if (!_joined.ContainsKey(id) || _isolated.Contains(id)) return [];
        return [.. _joined.Values.Where(n => n.Self != id && !_isolated.Contains(n.Self)).OrderBy(n => n.Self)];
    }
}

/// <summary>
/// One node's <see cref="IPeerNetwork"/> on an <see cref="InMemoryPeerHub"/>, with the contract's gossip rules:
/// on Consensus and Mempool a payload already received or broadcast is delivered at most once, and a broadcast
/// skips the peer the payload first came from. Unbounded queues (tests send little). Thread safe.
/// </summary>
internal sealed class InMemoryPeerNetwork(InMemoryPeerHub hub, PeerId self) : IPeerNetwork
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Hash32, PeerId?> _seen = [];
    private readonly Dictionary<PeerChannel, Channel<PeerMessage>> _received =
        PeerChannels.All.ToDictionary(c => c, _ => Channel.CreateUnbounded<PeerMessage>());

    public PeerId Self { get; } = self;

    public IReadOnlyList<PeerInfo> Peers =>
        [.. hub.PeersOf(Self).Select(id => new PeerInfo(id, PeerDirection.Outbound, "memory", true, 0, 0, 0, 0, 0))];

    public event Action<PeerId>? PeerConnected;
    public event Action<PeerId>? PeerDisconnected;

    public int Broadcast(PeerChannel channel, ReadOnlyMemory<byte> payload)
    {
        PeerId? firstFrom = null;
        if (channel.IsGossip())
        {
            var hash = Hash32.Sha256(payload.Span);
            lock (_lock)
                if (!_seen.TryGetValue(hash, out firstFrom)) _seen[hash] = null;
        }
        return hub.Send(Self, to: null, skip: firstFrom, channel, payload);
    }

    public bool Send(PeerId peer, PeerChannel channel, ReadOnlyMemory<byte> payload) =>
        hub.Send(Self, to: peer, skip: null, channel, payload) > 0;

    public ChannelReader<PeerMessage> Received(PeerChannel channel) => _received[channel].Reader;

    public long ReceiveDrops(PeerChannel channel) => 0;

    public void Forget(PeerChannel channel, ReadOnlyMemory<byte> payload)
    {
        lock (_lock) _seen.Remove(Hash32.Sha256(payload.Span));
    }

    internal void Deliver(PeerId from, PeerChannel channel, ReadOnlyMemory<byte> payload)
    {
        if (channel.IsGossip())
        {
            var hash = Hash32.Sha256(payload.Span);
            lock (_lock)
                if (!_seen.TryAdd(hash, from)) return;
        }
        _received[channel].Writer.TryWrite(new PeerMessage(from, channel, payload));
    }

    internal void RaiseConnected(PeerId peer) => PeerConnected?.Invoke(peer);

    internal void RaiseDisconnected(PeerId peer) => PeerDisconnected?.Invoke(peer);
}
