using System.Threading.Channels;
using Google.Protobuf;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Seratio.Node.P2P;
using Seratio.Node.P2P.Mempool;
using Seratio.Node.Tests.Mempool;
using Seratio.Protocol;

namespace Seratio.Node.Tests.P2P;

public sealed class MempoolGossipTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task TransactionsAdmittedWithinTheDelay_GoOutAsOneMempoolTxsFrame_InAdmissionOrder()
    {
        var fixture = new PoolFixture();
        var network = new RecordingNetwork();
        var time = new FakeTimeProvider();
        using var gossip = Gossip(network, fixture, time);
        await gossip.StartAsync(CancellationToken.None);
        var txs = new[] { TestTx.From("alice").Nonce(0).Bytes(), TestTx.From("alice").Nonce(1).Bytes(), TestTx.From("bob").Nonce(0).Bytes() };

        var results = fixture.Pool.AdmitBatch([.. txs.Select(t => (ReadOnlyMemory<byte>)t)]);
        Assert.All(results, r => Assert.True(r.IsAccepted, r.Reason));
        var frame = await NextFrameAsync(network, time);

        Assert.Equal(txs.Select(Convert.ToHexString), frame.Txs.Select(t => Convert.ToHexString(t.ToByteArray())));
        Assert.False(network.Sent.Reader.TryRead(out _), "the three transactions went out in more than one frame");
        await gossip.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task FramesFromPeers_AreAdmittedAsABatchAndRelayed_AndAFrameThatIsNoMempoolTxsIsDropped()
    {
        var fixture = new PoolFixture();
        var network = new RecordingNetwork();
        var time = new FakeTimeProvider();
        using var gossip = Gossip(network, fixture, time);
        await gossip.StartAsync(CancellationToken.None);
        var peer = TestPeers.Id("b");
        var frame = new MempoolTxs();
        frame.Txs.Add(TestTx.From("alice").Nonce(0).ByteString());
        frame.Txs.Add(TestTx.From("alice").Nonce(1).ByteString());

        Assert.True(network.Inbound.Writer.TryWrite(new PeerMessage(peer, PeerChannel.Mempool, new byte[] { 0xFF, 0xFF, 0xFF })));
        Assert.True(network.Inbound.Writer.TryWrite(new PeerMessage(peer, PeerChannel.Mempool, frame.ToByteArray())));
        // Both admitted before the clock moves: advancing it mid-batch would send the first alone.
        using (var admitted = new CancellationTokenSource(Patience))
            while (fixture.Pool.Count < 2) await Task.Delay(5, admitted.Token);
        var relayed = await NextFrameAsync(network, time);

        Assert.Equal(2, fixture.Pool.Count);
        Assert.Equal(frame.Txs, relayed.Txs);
        await gossip.StopAsync(CancellationToken.None);
    }

    private static MempoolGossip Gossip(RecordingNetwork network, PoolFixture fixture, TimeProvider time) =>
        new(network, fixture.Pool, Options.Create(new P2POptions()), time, NullLogger<MempoolGossip>.Instance);

    /// <summary>Advances the fake clock past the gathering delay until the gossip sends a frame.</summary>
    private static async Task<MempoolTxs> NextFrameAsync(RecordingNetwork network, FakeTimeProvider time)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!network.Sent.Reader.TryPeek(out _))
        {
            time.Advance(TimeSpan.FromMilliseconds(new P2POptions().MempoolGossipDelayMs));
            await Task.Delay(TimeSpan.FromMilliseconds(5), timeout.Token);
        }
        Assert.True(network.Sent.Reader.TryRead(out var payload));
        return MempoolTxs.Parser.ParseFrom(payload);
    }

    /// <summary>Records mempool broadcasts and serves what the test writes as received mempool messages.</summary>
    private sealed class RecordingNetwork : IPeerNetwork
    {
        public Channel<byte[]> Sent { get; } = Channel.CreateUnbounded<byte[]>();
        public Channel<PeerMessage> Inbound { get; } = Channel.CreateUnbounded<PeerMessage>();

        public PeerId Self => TestPeers.Id("a");
        public IReadOnlyList<PeerInfo> Peers => [];
        public event Action<PeerId>? PeerConnected { add { } remove { } }
        public event Action<PeerId>? PeerDisconnected { add { } remove { } }

        public int Broadcast(PeerChannel channel, ReadOnlyMemory<byte> payload)
        {
            Assert.Equal(PeerChannel.Mempool, channel);
            Sent.Writer.TryWrite(payload.ToArray());
            return 1;
        }

        public bool Send(PeerId peer, PeerChannel channel, ReadOnlyMemory<byte> payload) => false;
        public ChannelReader<PeerMessage> Received(PeerChannel channel) => channel == PeerChannel.Mempool ? Inbound.Reader : Channel.CreateUnbounded<PeerMessage>().Reader;
        public long ReceiveDrops(PeerChannel channel) => 0;
        public void Forget(PeerChannel channel, ReadOnlyMemory<byte> payload) { }
    }
}
