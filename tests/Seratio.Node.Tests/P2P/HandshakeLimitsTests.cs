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
    public void AddressCounter_BoundsEachAddress_AndForgetsAddressesAtZero()
    {
        var counter = new AddressCounter();
        Assert.True(counter.TryEnter("a", 2));
        Assert.True(counter.TryEnter("a", 2));
        Assert.False(counter.TryEnter("a", 2));
        Assert.True(counter.TryEnter("b", 2));
        counter.Exit("a");
        Assert.True(counter.TryEnter("a", 2));
        counter.Exit("b");
        Assert.Equal(0, counter.Count("b"));
    }

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
