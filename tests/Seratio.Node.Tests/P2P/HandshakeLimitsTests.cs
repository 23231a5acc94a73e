using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Features;
using Seratio.Node.P2P;
using Seratio.Node.P2P.Handshake;
using Seratio.Node.P2P.Transport;
using Seratio.Protocol;

namespace Seratio.Node.Tests.P2P;

/// <summary>Issue 9, finding 4: unauthenticated P2P connections cost little and cannot crowd out others.</summary>
public sealed class HandshakeLimitsTests
{
    [Theory]
    [InlineData("ipv4:127.0.0.1:42772", "127.0.0.1")]
    [InlineData("ipv6:[::1]:5000", "::1")]
    [InlineData("ipv6:[2001:db8::7]:443", "2001:db8::7")]
    [InlineData("mem:a", "mem:a")]
    public void AddressOf_TakesTheHostOfAGrpcPeer(string remote, string address) => Assert.Equal(address, PeerNetwork.AddressOf(remote));

    [Fact]
    public async Task InboundHandshakes_FromOneAddress_BeyondItsLimit_AreBusy_WhileAnotherAddressGetsThrough()
    {
        using var stop = new CancellationTokenSource();
        var network = PeerNetworkTests.Network("a", o => { o.MaxPendingHandshakes = 10; o.MaxPendingHandshakesPerAddress = 2; });
        var pending = new List<Task<SessionResult>>();
        for (int i = 0; i < 2; i++) pending.Add(network.RunSessionAsync(Silent($"ipv4:10.0.0.1:{1000 + i}"), PeerDirection.Inbound, null, stop.Token));

        var refused = await network.RunSessionAsync(Silent("ipv4:10.0.0.1:1002"), PeerDirection.Inbound, null, stop.Token).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(HandshakeOutcome.Busy, refused.Handshake.Outcome);
        Assert.Contains("MaxPendingHandshakesPerAddress", refused.Handshake.Reason, StringComparison.Ordinal);

        // Another address still gets a slot: its session waits for a Hello instead of being refused.
        var other = network.RunSessionAsync(Silent("ipv4:10.0.0.2:1000"), PeerDirection.Inbound, null, stop.Token);
        await Task.Delay(300);
        Assert.False(other.IsCompleted);
        stop.Cancel();
        foreach (var t in pending.Append(other)) await Assert.ThrowsAnyAsync<OperationCanceledException>(() => t.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task KnownPeer_GetsThrough_WhileSilentStreamsFromManyAddressesHoldEverySlot()
    {
        using var stop = new CancellationTokenSource();
        var a = PeerNetworkTests.Network("a", o => { o.MaxPendingHandshakes = 8; o.MaxPendingHandshakesPerAddress = 2; });
        var flood = new List<Task<SessionResult>>();
        for (int i = 0; i < 8; i++) flood.Add(a.RunSessionAsync(Silent($"ipv4:10.0.{i / 2}.1:{1000 + i}"), PeerDirection.Inbound, null, stop.Token));
        await Eventually.True(() => a.HandshakeSlots.Unidentified == 8);

        var b = PeerNetworkTests.Network("b");
        var (toA, fromB) = MemoryFrameStream.Pair();
        var dialer = b.RunSessionAsync(toA, PeerDirection.Outbound, TestPeers.Id("a"), stop.Token);
        var acceptor = a.RunSessionAsync(fromB, PeerDirection.Inbound, null, stop.Token);

        await Eventually.True(() => a.IsConnected(TestPeers.Id("b")) && b.IsConnected(TestPeers.Id("a")));
        var evicted = await Task.WhenAny(flood).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(HandshakeOutcome.Busy, (await evicted).Handshake.Outcome);
        stop.Cancel();
        await Task.WhenAll(flood.Append(dialer).Append(acceptor).Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default))).WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task KnownPeer_GetsThrough_WhileSpoofedHellosWithItsKeyHoldItsReservedSlots()
    {
        using var stop = new CancellationTokenSource();
        var a = PeerNetworkTests.Network("a", o => o.MaxPendingHandshakesPerKey = 2);
        var spoofs = new List<Task<SessionResult>>();
        for (int i = 0; i < 2; i++)
        {
            var spoof = Silent($"ipv4:10.0.0.{i + 1}:1000", out var push);
            push.TryWrite(SpoofedHello(TestPeers.Id("b"))); // b's public key is public; its private key is not
            spoofs.Add(a.RunSessionAsync(spoof, PeerDirection.Inbound, null, stop.Token));
        }
        await Eventually.True(() => a.HandshakeSlots.Claims(TestPeers.Id("b")) == 2);

        var b = PeerNetworkTests.Network("b");
        var (toA, fromB) = MemoryFrameStream.Pair();
        var dialer = b.RunSessionAsync(toA, PeerDirection.Outbound, TestPeers.Id("a"), stop.Token);
        var acceptor = a.RunSessionAsync(fromB, PeerDirection.Inbound, null, stop.Token);

        await Eventually.True(() => a.IsConnected(TestPeers.Id("b")));
        var first = await spoofs[0].WaitAsync(TimeSpan.FromSeconds(5)); // the oldest claim made room
        Assert.Equal(HandshakeOutcome.Busy, first.Handshake.Outcome);
        Assert.Contains("MaxPendingHandshakesPerKey", first.Handshake.Reason, StringComparison.Ordinal);

        // The other spoof cannot prove b's key: it ends at P2P:HelloTimeoutMs after its Hello.
        var second = await spoofs[1].WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(HandshakeOutcome.Timeout, second.Handshake.Outcome);
        Assert.Contains("no proof within P2P:HelloTimeoutMs", second.Handshake.Reason, StringComparison.Ordinal);
        stop.Cancel();
        await Task.WhenAll(dialer, acceptor).ContinueWith(_ => { }, TaskScheduler.Default).WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task InboundHello_OfAKnownKeyNotConnected_Knocks_ButNotAnUnknownKey()
    {
        var a = PeerNetworkTests.Network("a", o => o.HelloTimeoutMs = 100);
        var knocked = new List<PeerId>();
        a.KnownPeerKnocked += peer => { lock (knocked) knocked.Add(peer); };
        foreach (var name in new[] { "b", "stranger" })
        {
            var stream = Silent($"ipv4:10.0.0.1:{name.Length}", out var push);
            push.TryWrite(SpoofedHello(TestPeers.Id(name)));
            await a.RunSessionAsync(stream, PeerDirection.Inbound, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        }
        lock (knocked) Assert.Equal([TestPeers.Id("b")], knocked);
    }

    [Fact]
    public async Task UnknownKey_NeverTakesAReservedSlot()
    {
        var a = PeerNetworkTests.Network("a");
        var stranger = Silent("ipv4:10.0.0.1:1000", out var push);
        push.TryWrite(SpoofedHello(TestPeers.Id("stranger")));
        var result = await a.RunSessionAsync(stranger, PeerDirection.Inbound, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(HandshakeOutcome.UnknownKey, result.Handshake.Outcome);
        Assert.Equal(0, a.HandshakeSlots.Claims(TestPeers.Id("stranger")));
        Assert.Equal(0, a.HandshakeSlots.Unidentified);
    }

    [Fact]
    public async Task SilentStream_EndsAtHelloTimeout_LongBeforeTheHandshakeTimeout()
    {
        var a = PeerNetworkTests.Network("a", o => { o.HelloTimeoutMs = 200; o.HandshakeTimeoutMs = 60_000; });
        var result = await a.RunSessionAsync(Silent("ipv4:10.0.0.1:1000"), PeerDirection.Inbound, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HandshakeOutcome.Timeout, result.Handshake.Outcome);
        Assert.Contains("no Hello within P2P:HelloTimeoutMs (200 ms)", result.Handshake.Reason, StringComparison.Ordinal);
        Assert.Equal(Grpc.Core.StatusCode.DeadlineExceeded, result.Handshake.ToStatusCode());
    }

    private static PeerFrame SpoofedHello(PeerId key) => new()
    {
        Hello = new PeerHello
        {
            ProtocolVersion = PeerHandshake.ProtocolVersion,
            ChainId = TestPeers.ChainId,
            GenesisHash = Google.Protobuf.ByteString.CopyFrom(TestPeers.GenesisHash.ToArray()),
            NodeKey = Google.Protobuf.ByteString.CopyFrom(key.Key.ToArray()),
            Challenge = Google.Protobuf.ByteString.CopyFrom(new byte[HandshakeSigner.ChallengeSize]),
        },
    };

    private static MemoryFrameStream Silent(string remote, out ChannelWriter<PeerFrame> push)
    {
        var incoming = Channel.CreateUnbounded<PeerFrame>();
        push = incoming.Writer;
        return new(incoming.Reader, Channel.CreateUnbounded<PeerFrame>().Writer, remote);
    }

    [Fact]
    public async Task FrameLimit_BeforeTheHandshake_RefusesALargeFrameAtItsPrefix_AndNothingAfterIt()
    {
        var pipe = new Pipe();
        var limit = new HandshakeFrameLimit(new Body(pipe.Reader), maxBytes: 64 * 1024);
        await pipe.Writer.WriteAsync(Prefix(1_000)); // a Hello-sized message
        var small = await limit.ReadAsync();
        limit.AdvanceTo(small.Buffer.End);

        await pipe.Writer.WriteAsync(Prefix(20 * 1024 * 1024)); // a 20 MiB "Hello": only its 5-byte prefix has arrived
        var refused = await Assert.ThrowsAsync<InvalidDataException>(async () => await limit.ReadAsync());
        Assert.Contains("MaxHandshakeFrameBytes", refused.Message, StringComparison.Ordinal);

        var open = new Pipe();
        var opened = new HandshakeFrameLimit(new Body(open.Reader), maxBytes: 64 * 1024);
        opened.Open();
        await open.Writer.WriteAsync(Prefix(20 * 1024 * 1024));
        Assert.Equal(5, (await opened.ReadAsync()).Buffer.Length);
    }

    private static byte[] Prefix(uint length)
    {
        var prefix = new byte[5];
        BinaryPrimitives.WriteUInt32BigEndian(prefix.AsSpan(1), length);
        return prefix;
    }

    private static MemoryFrameStream Silent(string remote) =>
        new(Channel.CreateUnbounded<PeerFrame>().Reader, Channel.CreateUnbounded<PeerFrame>().Writer, remote);

    private sealed class Body(PipeReader reader) : IRequestBodyPipeFeature
    {
        public PipeReader Reader => reader;
    }
}
