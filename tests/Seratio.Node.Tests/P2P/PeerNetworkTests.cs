using Google.Protobuf;
using Microsoft.Extensions.Time.Testing;
using Seratio.Node.P2P;
using Seratio.Node.P2P.Connection;
using Seratio.Protocol;

namespace Seratio.Node.Tests.P2P;

/// <summary>The network and its connections over in-memory streams: no sockets, so limits are exact.</summary>
public sealed class PeerNetworkTests
{
    internal static PeerNetwork Network(string name, Action<P2POptions>? change = null, TimeProvider? time = null) =>
        new(TestPeers.Local(name), TestPeers.AllowList, TestPeers.Options(change), time ?? TimeProvider.System);

    private static (Task<SessionResult> Left, Task<SessionResult> Right) Connect(PeerNetwork dialer, PeerNetwork acceptor, CancellationToken ct)
    {
        var (a, b) = MemoryFrameStream.Pair();
        return (dialer.RunSessionAsync(a, PeerDirection.Outbound, null, ct), acceptor.RunSessionAsync(b, PeerDirection.Inbound, null, ct));
    }

    [Fact]
    public async Task Broadcast_IsDeliveredOnce_AndNotSentBackToItsOrigin()
    {
        using var stop = new CancellationTokenSource();
        var a = Network("a");
        var b = Network("b");
        var sessions = Connect(a, b, stop.Token);
        await Eventually.True(() => a.Peers.Count == 1 && b.Peers.Count == 1);

        var payload = "vote-1"u8.ToArray();
        Assert.Equal(1, a.Broadcast(PeerChannel.Consensus, payload));
        Assert.Equal(1, a.Broadcast(PeerChannel.Consensus, payload)); // sent again: the receiver drops it
        a.Broadcast(PeerChannel.Consensus, "vote-2"u8.ToArray());

        var received = b.Received(PeerChannel.Consensus);
        var first = await received.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        var second = await received.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(TestPeers.Id("a"), first.From);
        Assert.Equal(payload, first.Payload.ToArray());
        Assert.Equal("vote-2"u8.ToArray(), second.Payload.ToArray()); // the duplicate in between was dropped
        Assert.Equal(0, b.Broadcast(PeerChannel.Consensus, payload)); // re-gossip skips the peer it came from

        stop.Cancel();
        await Task.WhenAll(sessions.Left, sessions.Right).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Empty(a.Peers);
    }

    [Fact]
    public async Task Sync_IsPointToPoint_AndNeverDeduplicated()
    {
        using var stop = new CancellationTokenSource();
        var a = Network("a");
        var b = Network("c");
        _ = Connect(a, b, stop.Token);
        await Eventually.True(() => a.Peers.Count == 1 && b.Peers.Count == 1);

        Assert.True(a.Send(TestPeers.Id("c"), PeerChannel.Sync, "get 5"u8.ToArray()));
        Assert.True(a.Send(TestPeers.Id("c"), PeerChannel.Sync, "get 5"u8.ToArray()));
        Assert.False(a.Send(TestPeers.Id("b"), PeerChannel.Sync, "get 5"u8.ToArray()));
        await Eventually.True(() => b.Received(PeerChannel.Sync).Count == 2);
        Assert.Equal(PeerRole.Observer, b.Allowed.RoleOf(TestPeers.Id("c")));
        Assert.True(a.Peers.Single().IsValidator is false);
        stop.Cancel();
    }

    [Fact]
    public async Task SlowPeer_QueueStaysWithinItsCap_AndDropsAreCounted()
    {
        var options = TestPeers.Options(o => o.MaxQueuePerPeer = 16);
        var connection = new PeerConnection(TestPeers.Id("b"), PeerRole.Validator, PeerDirection.Outbound, TestPeers.Id("a"), "mem", options, TimeProvider.System);
        var stream = new StalledFrameStream();
        using var stop = new CancellationTokenSource();
        var run = connection.RunAsync(stream, (_, _, _) => { }, stop.Token);

        var payload = new byte[1024];
        for (int i = 0; i < 10_000; i++) Assert.True(connection.Enqueue(PeerChannel.Mempool, payload));
        var info = connection.Snapshot();
        Assert.InRange(info.QueuedFrames, 1, 16);
        Assert.True(info.QueuedBytes <= 16 * (1024 + 64));
        Assert.InRange(info.DroppedFrames, 10_000 - 17, 10_000 - 16);
        Assert.True(stream.WritesStarted <= 1);

        stop.Cancel();
        Assert.Equal(ConnectionEnd.LocalClosed, await run.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(0, connection.Snapshot().QueuedFrames); // released on close
    }

    [Fact]
    public async Task FloodingPeer_IsDisconnected()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var options = TestPeers.Options(o => o.MaxInboundFramesPerSecond = 10);
        var connection = new PeerConnection(TestPeers.Id("b"), PeerRole.Validator, PeerDirection.Inbound, TestPeers.Id("b"), "mem", options, time);
        var stream = new StalledFrameStream();
        int delivered = 0;
        var run = connection.RunAsync(stream, (_, _, _) => Interlocked.Increment(ref delivered), CancellationToken.None);
        for (int i = 0; i < 11; i++)
            stream.Push(new PeerFrame { Message = new PeerEnvelope { Channel = 2, Payload = ByteString.CopyFrom(BitConverter.GetBytes(i)) } });
        Assert.Equal(ConnectionEnd.Flooding, await run.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(10, delivered);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task FrameOtherThanAMessage_AfterTheHandshake_IsAProtocolViolation(bool unknownChannel)
    {
        var connection = new PeerConnection(TestPeers.Id("b"), PeerRole.Validator, PeerDirection.Inbound, TestPeers.Id("b"), "mem", TestPeers.Options(), TimeProvider.System);
        var stream = new StalledFrameStream();
        var run = connection.RunAsync(stream, (_, _, _) => { }, CancellationToken.None);
        stream.Push(unknownChannel
            ? new PeerFrame { Message = new PeerEnvelope { Channel = 9 } }
            : new PeerFrame { Hello = new PeerHello() });
        Assert.Equal(ConnectionEnd.ProtocolViolation, await run.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task ReceiveQueue_WithNoConsumer_IsCapped_AndDropsAreCounted()
    {
        using var stop = new CancellationTokenSource();
        var a = Network("a");
        var b = Network("b", o => o.MaxReceiveQueue = 16);
        _ = Connect(a, b, stop.Token);
        await Eventually.True(() => a.Peers.Count == 1 && b.Peers.Count == 1);
        for (int i = 0; i < 500; i++) a.Broadcast(PeerChannel.Consensus, BitConverter.GetBytes(i));
        await Eventually.True(() => b.Peers.Single().ReceivedFrames == 500);
        Assert.Equal(16, b.Received(PeerChannel.Consensus).Count);
        Assert.Equal(484, b.ReceiveDrops(PeerChannel.Consensus));
        stop.Cancel();
    }

    [Fact]
    public async Task InboundHandshakes_BeyondTheLimit_EvictTheOldest_WhichEndsAsBusy()
    {
        using var stop = new CancellationTokenSource();
        var a = Network("a", o => o.MaxPendingHandshakes = 1);
        var (_, silent) = MemoryFrameStream.Pair();
        var evicted = a.RunSessionAsync(silent, PeerDirection.Inbound, null, stop.Token); // waits for a Hello that never comes
        var (_, second) = MemoryFrameStream.Pair();
        var pending = a.RunSessionAsync(second, PeerDirection.Inbound, null, stop.Token);
        var refused = await evicted.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(Seratio.Node.P2P.Handshake.HandshakeOutcome.Busy, refused.Handshake.Outcome);
        Assert.Equal(Grpc.Core.StatusCode.ResourceExhausted, refused.Handshake.ToStatusCode());
        Assert.False(pending.IsCompleted);
        stop.Cancel(); // cancelling a session in progress throws, as cancellation does
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Shutdown_EndsConnectionsAndHandshakesInProgress_AndRefusesNewSessions()
    {
        var a = Network("a");
        var b = Network("b");
        var (left, right) = Connect(b, a, CancellationToken.None);
        await Eventually.True(() => a.Peers.Count == 1);
        var (_, silent) = MemoryFrameStream.Pair();
        var handshaking = a.RunSessionAsync(silent, PeerDirection.Inbound, null, CancellationToken.None);

        a.Shutdown();
        Assert.Equal(ConnectionEnd.LocalClosed, (await right.WaitAsync(TimeSpan.FromSeconds(5))).End);
        Assert.Equal(Seratio.Node.P2P.Handshake.HandshakeOutcome.ShuttingDown, (await handshaking.WaitAsync(TimeSpan.FromSeconds(5))).Handshake.Outcome);
        var (_, late) = MemoryFrameStream.Pair();
        var refused = await a.RunSessionAsync(late, PeerDirection.Inbound, null, CancellationToken.None);
        Assert.Equal(Grpc.Core.StatusCode.Unavailable, refused.Handshake.ToStatusCode());
        Assert.Empty(a.Peers);
        b.Shutdown();
        await left.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Sending_OnAnUnknownChannelOrAboveTheFrameLimit_IsACallersBug()
    {
        var a = Network("a", o => o.MaxFrameBytes = 64 * 1024);
        Assert.Throws<ArgumentOutOfRangeException>(() => a.Broadcast((PeerChannel)7, new byte[1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => a.Send(TestPeers.Id("b"), 0, new byte[1]));
        Assert.Throws<ArgumentException>(() => a.Broadcast(PeerChannel.Sync, new byte[64 * 1024 + 1]));
        Assert.Equal(0, a.Broadcast(PeerChannel.Sync, new byte[64 * 1024]));
    }

    [Fact]
    public async Task SimultaneousDial_KeepsOneConnection_TheOneDialledByTheSmallerKey()
    {
        using var stop = new CancellationTokenSource();
        var a = Network("a");
        var b = Network("b");
        var first = Connect(a, b, stop.Token);
        var second = Connect(b, a, stop.Token);
        // Each side sees both connections and closes the same one on its own end.
        await Eventually.True(() => (first.Left.IsCompleted && first.Right.IsCompleted) || (second.Left.IsCompleted && second.Right.IsCompleted));
        var lost = first.Left.IsCompleted ? first : second;
        Assert.Equal(Seratio.Node.P2P.Connection.ConnectionEnd.Replaced, (await lost.Left).End);
        Assert.Equal(Seratio.Node.P2P.Connection.ConnectionEnd.Replaced, (await lost.Right).End);
        var smaller = TestPeers.Id("a") < TestPeers.Id("b") ? TestPeers.Id("a") : TestPeers.Id("b");
        Assert.Equal(smaller == TestPeers.Id("a") ? PeerDirection.Outbound : PeerDirection.Inbound, a.Peers.Single().Direction);
        Assert.Equal(smaller == TestPeers.Id("b") ? PeerDirection.Outbound : PeerDirection.Inbound, b.Peers.Single().Direction);
        stop.Cancel();
    }
}

/// <summary>Polls a condition (10 ms steps) and fails after the timeout; for conditions reached on other threads.</summary>
internal static class Eventually
{
    public static async Task True(Func<bool> condition, int timeoutMs = 10_000)
    {
        for (int waited = 0; waited < timeoutMs && !condition(); waited += 10) await Task.Delay(10);
        Assert.True(condition(), $"condition not reached within {timeoutMs} ms");
    }
}
