using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Seratio.Core.Crypto;
using Seratio.Node.P2P.Connection;
using Seratio.Node.P2P.Gossip;
using Seratio.Node.P2P.Handshake;
using Seratio.Node.P2P.Queues;
using Seratio.Node.P2P.Transport;

namespace Seratio.Node.P2P;

/// <summary>The end of one session on a stream: the handshake's result and, when it was accepted, how the connection ended.</summary>
public readonly record struct SessionResult(HandshakeResult Handshake, ConnectionEnd? End);

/// <summary>
/// The node's peer network: runs sessions (handshake, then the connection) on streams the P2P
/// server accepts or the dialler opens, keeps at most one connection per peer, fans payloads out
/// to peers' send queues and collects what they send into one bounded queue per channel, with
/// duplicates suppressed on gossip channels. Thread safe: the peer table is guarded by one lock and
/// published as an immutable array, so <see cref="Broadcast"/> takes no lock but the seen cache's.
/// </summary>
public sealed class PeerNetwork : IPeerNetwork
{
    private readonly object _gate = new();
    private readonly Dictionary<PeerId, PeerConnection> _byId = new();
    private PeerConnection[] _connections = [];
    private readonly DropOldestQueue<PeerMessage>[] _received;
    private readonly SeenCache?[] _seen;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly HandshakeSlots _slots;

    public PeerNetwork(LocalNode local, PeerAllowList allowed, P2POptions options, TimeProvider time, ILogger<PeerNetwork>? logger = null)
    {
        Local = local ?? throw new ArgumentNullException(nameof(local));
        Allowed = allowed ?? throw new ArgumentNullException(nameof(allowed));
        Options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _log = logger ?? (ILogger)NullLogger.Instance;
        _received = PeerChannels.All.Select(_ => new DropOldestQueue<PeerMessage>(options.MaxReceiveQueue, options.MaxReceiveQueueBytes, static m => m.Payload.Length + OutboundFrame.Overhead)).ToArray();
        _seen = PeerChannels.All.Select(c => c.IsGossip() ? new SeenCache(options.SeenCacheSize) : null).ToArray();
        _slots = new HandshakeSlots(options.MaxPendingHandshakes, options.MaxPendingHandshakesPerAddress, options.MaxPendingHandshakesPerKey,
            TimeSpan.FromMilliseconds(options.HelloTimeoutMs), time);
    }

    public LocalNode Local { get; }
    public PeerAllowList Allowed { get; }
    public P2POptions Options { get; }
    public PeerId Self => Local.Id;

    public event Action<PeerId>? PeerConnected;
    public event Action<PeerId>? PeerDisconnected;

    /// <summary>
    /// An inbound Hello named a known key (validator or allowed peer) that has no connection here: that node is up and
    /// trying to reach this one, so the dialler tries it now instead of waiting out its back-off. The key is not proven
    /// yet (the dialler bounds how often this wakes it). Raised on the handshake's task; handlers must be quick.
    /// </summary>
    public event Action<PeerId>? KnownPeerKnocked;

    public IReadOnlyList<PeerInfo> Peers => Array.ConvertAll(Volatile.Read(ref _connections), c => c.Snapshot());

    public bool IsConnected(PeerId peer) { lock (_gate) return _byId.ContainsKey(peer); }

    /// <summary>The live connection to <paramref name="peer"/>, if any (its <see cref="PeerConnection.Completion"/> tells when it ends).</summary>
    public PeerConnection? ConnectionTo(PeerId peer) { lock (_gate) return _byId.GetValueOrDefault(peer); }

    public int Broadcast(PeerChannel channel, ReadOnlyMemory<byte> payload)
    {
        CheckSize(payload);
        PeerId? origin = _seen[channel.Index()] is { } seen ? seen.MarkBroadcast(Hash32.Sha256(payload.Span)) : null;
        int queued = 0;
        foreach (var connection in Volatile.Read(ref _connections))
        {
            if (origin == connection.Id) continue;
            if (connection.Enqueue(channel, payload)) queued++;
        }
        return queued;
    }

    public bool Send(PeerId peer, PeerChannel channel, ReadOnlyMemory<byte> payload)
    {
        CheckSize(payload);
        channel.Index(); // validates the channel even when the peer is gone
        return ConnectionTo(peer) is { } connection && connection.Enqueue(channel, payload);
    }

    public ChannelReader<PeerMessage> Received(PeerChannel channel) => _received[channel.Index()];

    public void Forget(PeerChannel channel, ReadOnlyMemory<byte> payload) => _seen[channel.Index()]?.Forget(Hash32.Sha256(payload.Span));

    public long ReceiveDrops(PeerChannel channel) => _received[channel.Index()].Dropped;

    /// <summary>
    /// Runs one session on <paramref name="stream"/>: the handshake, then (when accepted and not
    /// superseded by a better connection to the same peer) the connection until it ends. Refusals
    /// and disconnections are logged here.
    /// </summary>
    public async Task<SessionResult> RunSessionAsync(IFrameStream stream, PeerDirection direction, PeerId? expected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        // Shutdown ends every session, including handshakes still in progress, so the host's
        // graceful stop never waits on a peer stream.
        using var session = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _shutdown.Token);
        cancellationToken = session.Token;
        var handshake = await HandshakeAsync(stream, direction, expected, cancellationToken).ConfigureAwait(false);
        if (!handshake.IsAccepted)
        {
            if (cancellationToken.IsCancellationRequested) { }
            else if (handshake.Outcome == HandshakeOutcome.Closed) P2PLog.HandshakeAborted(_log, stream.Remote, direction, handshake.Reason);
            // Evicted or silent before any Hello: what a slot attack produces by the thousand; Debug, not a Warning each.
            else if (handshake.Peer == default && direction == PeerDirection.Inbound && handshake.Outcome is HandshakeOutcome.Busy or HandshakeOutcome.Timeout)
                P2PLog.Unidentified(_log, stream.Remote, handshake.Outcome, handshake.Reason);
            else P2PLog.Refused(_log, stream.Remote, direction, handshake.Peer == default ? "-" : handshake.Peer.ToHex(), handshake.Outcome, handshake.Reason);
            return new SessionResult(handshake, null);
        }

        stream.HandshakeAccepted();
        var peer = handshake.Peer;
        var dialer = direction == PeerDirection.Outbound ? Self : peer;
        var connection = new PeerConnection(peer, handshake.Role, direction, dialer, stream.Remote, Options, _time);
        var registered = Register(connection);
        if (registered == Registration.Lost) return new SessionResult(handshake, ConnectionEnd.Replaced);

        P2PLog.Connected(_log, peer, direction, stream.Remote, handshake.Role);
        if (registered == Registration.New) PeerConnected?.Invoke(peer);
        ConnectionEnd end;
        bool gone;
        try
        {
            end = await connection.RunAsync(stream, OnMessage, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gone = Unregister(connection);
        }
        var info = connection.Snapshot();
        P2PLog.Disconnected(_log, peer, direction, stream.Remote, end, info.SentFrames, info.ReceivedFrames, info.DroppedFrames);
        if (end is ConnectionEnd.Flooding or ConnectionEnd.ProtocolViolation) P2PLog.Misbehaved(_log, peer, stream.Remote, end);
        if (gone) PeerDisconnected?.Invoke(peer);
        return new SessionResult(handshake, end);
    }

    private async Task<HandshakeResult> HandshakeAsync(IFrameStream stream, PeerDirection direction, PeerId? expected, CancellationToken cancellationToken)
    {
        if (_shutdown.IsCancellationRequested) return ShuttingDown();
        var timeout = TimeSpan.FromMilliseconds(Options.HandshakeTimeoutMs);
        if (direction != PeerDirection.Inbound)
            return await RunHandshakeAsync(stream, expected, timeout, null, cancellationToken).ConfigureAwait(false);

        // Inbound: a place among the handshakes in progress first (HandshakeSlots: an unknown one may be evicted
        // for a newer one, a known key's claim cannot be taken by an unidentified handshake).
        if (!_slots.TryAdmit(AddressOf(stream.Remote), out var slot, out var refusal)) return refusal;
        using (slot)
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, slot!.Token))
        {
            try
            {
                return await RunHandshakeAsync(stream, expected, timeout, slot, linked.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or Grpc.Core.RpcException
                && slot.Token.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                return slot.Refusal;
            }
        }
    }

    private async Task<HandshakeResult> RunHandshakeAsync(IFrameStream stream, PeerId? expected, TimeSpan timeout, HandshakeSlot? slot, CancellationToken cancellationToken)
    {
        try
        {
            return await PeerHandshake.RunAsync(stream, Local, Allowed, expected, timeout, _time, cancellationToken,
                slot is null ? null : peer =>
                {
                    slot.Identified(peer);
                    if (!IsConnected(peer)) KnownPeerKnocked?.Invoke(peer);
                }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_shutdown.IsCancellationRequested)
        {
            return ShuttingDown();
        }
    }

    /// <summary>The inbound handshakes in progress (for tests and metrics).</summary>
    public HandshakeSlots HandshakeSlots => _slots;

    /// <summary>The address part of a remote as gRPC names it ("ipv4:10.0.0.1:4242", "ipv6:[::1]:4242"), or the whole string.</summary>
    internal static string AddressOf(string remote)
    {
        if (!remote.StartsWith("ipv4:", StringComparison.Ordinal) && !remote.StartsWith("ipv6:", StringComparison.Ordinal)) return remote;
        var endpoint = remote[5..];
        int colon = endpoint.LastIndexOf(':');
        var host = colon > 0 ? endpoint[..colon] : endpoint;
        return host.Trim('[', ']');
    }

    private static HandshakeResult ShuttingDown() => HandshakeResult.Refuse(HandshakeOutcome.ShuttingDown, "this node is shutting down");

    private void OnMessage(PeerConnection from, PeerChannel channel, ReadOnlyMemory<byte> payload)
    {
        if (_seen[channel.Index()] is { } seen && !seen.TryAddReceived(Hash32.Sha256(payload.Span), from.Id)) return;
        _received[channel.Index()].Enqueue(new PeerMessage(from.Id, channel, payload));
    }

    // One connection per peer. Of two, the one dialled by the smaller node key is kept, so both
    // ends of a simultaneous dial keep the same one; of two dialled by the same node, the newer
    // (the older is likely a half-open leftover of a restart).
    private Registration Register(PeerConnection connection)
    {
        PeerConnection? loser;
        lock (_gate)
        {
            if (_byId.TryGetValue(connection.Id, out var existing))
            {
                bool keepNew = connection.Dialer == existing.Dialer || connection.Dialer < existing.Dialer;
                loser = keepNew ? existing : connection;
                if (keepNew) _byId[connection.Id] = connection;
            }
            else
            {
                loser = null;
                _byId[connection.Id] = connection;
            }
            Publish();
        }
        if (loser is not null)
        {
            P2PLog.DuplicateConnection(_log, connection.Id, loser == connection ? ConnectionTo(connection.Id)?.Dialer ?? connection.Dialer : connection.Dialer);
            loser.Close(ConnectionEnd.Replaced);
        }
        return loser is null ? Registration.New : loser == connection ? Registration.Lost : Registration.Replacing;
    }

    // True when no connection to the peer remains.
    private bool Unregister(PeerConnection connection)
    {
        lock (_gate)
        {
            if (_byId.TryGetValue(connection.Id, out var current) && current == connection)
            {
                _byId.Remove(connection.Id);
                Publish();
                return true;
            }
            return false;
        }
    }

    private enum Registration { New, Replacing, Lost }

    // Caller holds _gate.
    private void Publish()
    {
        var array = _byId.Values.ToArray();
        Array.Sort(array, static (a, b) => a.Id.CompareTo(b.Id));
        Volatile.Write(ref _connections, array);
    }

    private void CheckSize(ReadOnlyMemory<byte> payload)
    {
        if (payload.Length > Options.MaxFrameBytes)
            throw new ArgumentException($"payload of {payload.Length} bytes exceeds P2P:MaxFrameBytes ({Options.MaxFrameBytes})", nameof(payload));
    }

    /// <summary>
    /// Ends every session (handshakes in progress and connections), refuses new ones, and completes
    /// the receive queues. Idempotent.
    /// </summary>
    public void Shutdown()
    {
        _shutdown.Cancel();
        foreach (var queue in _received) queue.Complete();
    }
}
