using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Seratio.Node.P2P;
using Seratio.Node.P2P.Handshake;
using Seratio.Node.P2P.Transport;
using Seratio.Protocol;

namespace Seratio.Node.Tests.P2P;

public sealed class MisbehavingPeerTests
{
    [Fact]
    public async Task PeerThatStopsReading_OverRealTransport_CostsAtMostItsQueueCap()
    {
        await using var a = await TestNode.StartAsync("a", TestPorts.Free(), [],
            p2pSettings: new Dictionary<string, object> { ["MaxQueuePerPeer"] = 16 });

        // Peer "b" completes the handshake, then never reads again.
        var certificate = new ServerCertificateRecorder();
        using var channel = TestNode.Channel(a.P2PUri, certificate);
        using var stop = new CancellationTokenSource();
        using var call = new PeerApi.PeerApiClient(channel).Connect(cancellationToken: stop.Token);
        var handshake = await PeerHandshake.RunAsync(new ClientFrameStream(call, "test", certificate), TestPeers.Local("b"), TestPeers.AllowList, TestPeers.Id("a"),
            TimeSpan.FromSeconds(5), TimeProvider.System, stop.Token);
        Assert.True(handshake.IsAccepted, handshake.Reason);
        await Eventually.True(() => a.Network.Peers.Count == 1);

        const int count = 3000; // 3000 × 64 KiB = 192 MiB if nothing were dropped
        var payload = new byte[64 * 1024];
        for (int i = 0; i < count; i++)
        {
            BitConverter.TryWriteBytes(payload.AsSpan(), i); // distinct payloads, each a fresh array
            Assert.Equal(1, a.Network.Broadcast(PeerChannel.Consensus, payload.ToArray()));
        }

        var peer = a.Network.Peers.Single();
        Assert.InRange(peer.QueuedFrames, 0, 16);
        Assert.True(peer.QueuedBytes <= 16L * (64 * 1024 + 64));
        // What HTTP/2 flow control let through before the peer's window closed is small.
        Assert.True(peer.SentFrames < 100, $"sent {peer.SentFrames}");
        Assert.InRange(count - (peer.DroppedFrames + peer.QueuedFrames + peer.SentFrames), 0, 1); // at most one frame in the transport's hands
        stop.Cancel();
    }

    [Fact]
    public async Task FloodingPeer_OverRealTransport_IsCutOffWithResourceExhausted_AndLogged()
    {
        await using var a = await TestNode.StartAsync("a", TestPorts.Free(), [],
            p2pSettings: new Dictionary<string, object> { ["MaxInboundFramesPerSecond"] = 10 });
        var certificate = new ServerCertificateRecorder();
        using var channel = TestNode.Channel(a.P2PUri, certificate);
        using var call = new PeerApi.PeerApiClient(channel).Connect(deadline: DateTime.UtcNow.AddSeconds(10));
        var handshake = await PeerHandshake.RunAsync(new ClientFrameStream(call, "test", certificate), TestPeers.Local("b"), TestPeers.AllowList, null,
            TimeSpan.FromSeconds(5), TimeProvider.System, CancellationToken.None);
        Assert.True(handshake.IsAccepted, handshake.Reason);

        try
        {
            for (int i = 0; i < 1000; i++)
                await call.RequestStream.WriteAsync(new PeerFrame { Message = new PeerEnvelope { Channel = 1, Payload = ByteString.CopyFrom(BitConverter.GetBytes(i)) } });
        }
        catch (RpcException)
        {
            // The server ended the call while we were still writing; its status is in the response.
        }
        var status = await Assert.ThrowsAsync<RpcException>(async () => { while (await call.ResponseStream.MoveNext(CancellationToken.None)) { } });
        Assert.Equal(StatusCode.ResourceExhausted, status.StatusCode);
        await Eventually.True(() => a.Logs.Has(1405, "Flooding"));
        Assert.Empty(a.Network.Peers);
        Assert.InRange(a.Network.Received(PeerChannel.Consensus).Count, 1, 10); // the budget's worth got through
    }
}
