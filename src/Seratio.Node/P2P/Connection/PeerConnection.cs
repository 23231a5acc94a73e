using Google.Protobuf;
using Grpc.Core;
using Seratio.Node.P2P.Queues;
using Seratio.Node.P2P.Transport;
using Seratio.Protocol;

namespace Seratio.Node.P2P.Connection;

/// <summary>
/// One established (handshaken) connection to a peer: a bounded send queue drained by a write
/// loop, and a read loop that charges each frame to the peer's inbound budget and hands it on.
/// Callers never block: <see cref="Enqueue"/> drops the oldest queued frames when the queue is
/// full. Thread safe: any thread may enqueue or close; the loops run inside <see cref="RunAsync"/>.
/// </summary>
public sealed class PeerConnection
{
    private readonly DropOldestQueue<OutboundFrame> _queue;
    private readonly InboundBudget _budget;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<ConnectionEnd> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _end = -1;
    private long _sent;
    private long _received;

    internal PeerConnection(PeerId id, PeerRole role, PeerDirection direction, PeerId dialer, string remote, P2POptions options, TimeProvider time)
    {
        Id = id;
        Role = role;
        Direction = direction;
        Dialer = dialer;
        Remote = remote;
        _queue = new DropOldestQueue<OutboundFrame>(options.MaxQueuePerPeer, options.MaxQueueBytesPerPeer, static f => f.QueueSize);
        _budget = new InboundBudget(options.MaxInboundBytesPerSecond, options.MaxInboundFramesPerSecond, options.MaxFrameBytes, time);
    }

    public PeerId Id { get; }
    public PeerRole Role { get; }
    public PeerDirection Direction { get; }

    /// <summary>The node that opened this connection (decides which of two connections to one peer is kept).</summary>
    public PeerId Dialer { get; }

    public string Remote { get; }

    /// <summary>Completes with the reason once both loops have stopped.</summary>
    public Task<ConnectionEnd> Completion => _completion.Task;

    public long Dropped => _queue.Dropped;

    public PeerInfo Snapshot() => new(Id, Direction, Remote, Role == PeerRole.Validator, _queue.Count, _queue.Bytes, _queue.Dropped,
        Interlocked.Read(ref _sent), Interlocked.Read(ref _received));

    /// <summary>Queues a frame; never blocks. False when the connection is closing.</summary>
    public bool Enqueue(PeerChannel channel, ReadOnlyMemory<byte> payload) => _queue.Enqueue(new OutboundFrame(channel, payload));

    /// <summary>Ends the connection for <paramref name="reason"/> (the first reason given wins). Idempotent.</summary>
    public void Close(ConnectionEnd reason)
    {
        if (Interlocked.CompareExchange(ref _end, (int)reason, -1) == -1) _stop.Cancel();
    }

    /// <summary>
    /// Runs the connection until the peer or this node ends it; <paramref name="onMessage"/> is called
    /// on the read loop for each frame within budget. Called once.
    /// </summary>
    public async Task<ConnectionEnd> RunAsync(IFrameStream stream, Action<PeerConnection, PeerChannel, ReadOnlyMemory<byte>> onMessage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(onMessage);
        using var registration = cancellationToken.Register(() => Close(ConnectionEnd.LocalClosed));
        var token = _stop.Token;
        var writer = Task.Run(() => WriteLoopAsync(stream, token), CancellationToken.None);
        var reader = Task.Run(() => ReadLoopAsync(stream, onMessage, token), CancellationToken.None);
        await Task.WhenAny(writer, reader).ConfigureAwait(false);
        Close(ConnectionEnd.TransportError); // no-op when a loop already named the reason
        await Task.WhenAll(Settle(writer), Settle(reader)).ConfigureAwait(false);
        _queue.Clear();
        var end = (ConnectionEnd)Volatile.Read(ref _end);
        _completion.TrySetResult(end);
        return end;
    }

    private async Task WriteLoopAsync(IFrameStream stream, CancellationToken token)
    {
        try
        {
            while (await _queue.WaitToReadAsync(token).ConfigureAwait(false))
            {
                while (_queue.TryRead(out var frame))
                {
                    var message = new PeerEnvelope { Channel = (uint)frame.Channel, Payload = UnsafeByteOperations.UnsafeWrap(frame.Payload) };
                    await stream.WriteAsync(new PeerFrame { Message = message }, token).ConfigureAwait(false);
                    Interlocked.Increment(ref _sent);
                }
            }
        }
        catch (Exception ex) when (IsTransportFailure(ex))
        {
            Close(token.IsCancellationRequested ? ConnectionEnd.LocalClosed : ConnectionEnd.TransportError);
        }
    }

    private async Task ReadLoopAsync(IFrameStream stream, Action<PeerConnection, PeerChannel, ReadOnlyMemory<byte>> onMessage, CancellationToken token)
    {
        try
        {
            while (await stream.ReadAsync(token).ConfigureAwait(false) is { } frame)
            {
                if (frame.KindCase != PeerFrame.KindOneofCase.Message || !PeerChannels.TryFromWire(frame.Message.Channel, out var channel))
                {
                    Close(ConnectionEnd.ProtocolViolation);
                    return;
                }
                var payload = frame.Message.Payload.Memory;
                if (!_budget.TryConsume(payload.Length + OutboundFrame.Overhead))
                {
                    Close(ConnectionEnd.Flooding);
                    return;
                }
                Interlocked.Increment(ref _received);
                onMessage(this, channel, payload);
            }
            Close(ConnectionEnd.PeerClosed);
        }
        catch (Exception ex) when (IsTransportFailure(ex))
        {
            Close(token.IsCancellationRequested ? ConnectionEnd.LocalClosed : ConnectionEnd.TransportError);
        }
    }

    private static bool IsTransportFailure(Exception ex) =>
        ex is OperationCanceledException or RpcException or IOException or InvalidOperationException or ObjectDisposedException;

    private static async Task Settle(Task task)
    {
        try { await task.ConfigureAwait(false); }
        catch (Exception ex) when (IsTransportFailure(ex)) { }
    }
}
