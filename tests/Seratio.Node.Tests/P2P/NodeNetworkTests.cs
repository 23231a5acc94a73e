using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Seratio.Core.Crypto;
using Seratio.Node.P2P;
using Seratio.Node.Tests.Mempool;
using Seratio.Protocol;

namespace Seratio.Node.Tests.P2P;

/// <summary>Whole nodes talking over real Kestrel P2P ports (HTTP/2 on loopback).</summary>
public sealed class NodeNetworkTests(ThreeNodeNetwork net) : IClassFixture<ThreeNodeNetwork>
{
    [Fact]
    public void Handshake_BetweenAllowedKeys_ConnectsEveryPairWithItsRole()
    {
        var peersOfA = net.A.Network.Peers;
        Assert.Equal(new[] { TestPeers.Id("b"), TestPeers.Id("c") }.Order(), peersOfA.Select(p => p.Id)); // ordered by id
        Assert.True(peersOfA.Single(p => p.Id == TestPeers.Id("b")).IsValidator);
        Assert.False(peersOfA.Single(p => p.Id == TestPeers.Id("c")).IsValidator);
        Assert.All(peersOfA, p => Assert.Equal(PeerDirection.Outbound, p.Direction));
        Assert.All(net.C.Network.Peers, p => Assert.Equal(PeerDirection.Inbound, p.Direction));
        Assert.True(net.A.Logs.Has(1401, TestPeers.Id("b").ToString()));
    }

    [Fact]
    public async Task Broadcast_ReachesEveryPeer_AndARelayedDuplicateIsDeliveredOnce()
    {
        var payload = "proposal-with-block-data"u8.ToArray().Concat(new byte[200_000]).ToArray();
        Assert.Equal(2, net.A.Network.Broadcast(PeerChannel.Consensus, payload));

        var atB = await net.B.Network.Received(PeerChannel.Consensus).ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(payload, atB.Payload.ToArray());
        // B re-gossips what it accepted: to C (which may have it from A already), not to A, its origin.
        Assert.Equal(1, net.B.Network.Broadcast(PeerChannel.Consensus, atB.Payload));
        var sentinelA = "sentinel-a"u8.ToArray();
        var sentinelB = "sentinel-b"u8.ToArray();
        net.A.Network.Broadcast(PeerChannel.Consensus, sentinelA);
        net.B.Network.Broadcast(PeerChannel.Consensus, sentinelB);

        // Each connection is one ordered stream: once both sentinels are in, both copies of the
        // proposal (A's own and B's relay) have arrived at C, and only the first was delivered.
        var atC = new List<PeerMessage>();
        using var timeout = new CancellationTokenSource(10_000);
        await foreach (var message in net.C.Network.Received(PeerChannel.Consensus).ReadAllAsync(timeout.Token))
        {
            atC.Add(message);
            if (atC.Any(m => m.Payload.Span.SequenceEqual(sentinelA)) && atC.Any(m => m.Payload.Span.SequenceEqual(sentinelB))) break;
        }
        Assert.Equal(3, atC.Count);
        var proposal = Assert.Single(atC, m => m.Payload.Span.SequenceEqual(payload));
        Assert.Contains(proposal.From, new[] { TestPeers.Id("a"), TestPeers.Id("b") }); // whichever copy came first

        var atA = await net.A.Network.Received(PeerChannel.Consensus).ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(sentinelB, atA.Payload.ToArray()); // A never got its own proposal back
    }

    [Fact]
    public async Task TxAdmittedAtOneNode_ReachesTheOtherNodesMempools()
    {
        using var channel = GrpcChannel.ForAddress(net.A.ApiUri);
        var api = new NodeApi.NodeApiClient(channel);
        var tx = TestTx.From("alice").Nonce(0).Memo("p2p").ByteString();
        await api.SubmitTxAsync(new SubmitTxRequest { Tx = tx, Mode = SubmitMode.Admit });

        var hash = Hashing.Hash(Domains.Tx, Tx.Parser.ParseFrom(tx).Body.Span);
        await Eventually.True(() => net.B.Pool.Contains(hash) && net.C.Pool.Contains(hash));
        Assert.True(net.A.Pool.Contains(hash));
    }

    [Fact]
    public async Task UnknownKey_IsRefusedWithPermissionDenied_AndLogged()
    {
        var status = await RawHandshake(net.A.P2PUri, TestPeers.Key("stranger"), TestPeers.ChainId, TestPeers.GenesisHash);
        Assert.Equal(StatusCode.PermissionDenied, status.StatusCode);
        Assert.Contains(TestPeers.Hex("stranger"), status.Detail);
        await Eventually.True(() => net.A.Logs.Has(1403, "UnknownKey"));
        Assert.DoesNotContain(net.A.Network.Peers, p => p.Id == TestPeers.Id("stranger"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task OtherChainOrGenesis_IsRefusedWithFailedPrecondition(bool otherGenesis)
    {
        var status = await RawHandshake(net.B.P2PUri, TestPeers.Key("a"),
            otherGenesis ? TestPeers.ChainId : "seratio-elsewhere", otherGenesis ? Hash32.Sha256("other"u8) : TestPeers.GenesisHash);
        Assert.Equal(StatusCode.FailedPrecondition, status.StatusCode);
        await Eventually.True(() => net.B.Logs.Has(1403, otherGenesis ? "WrongGenesis" : "WrongChain"));
    }

    [Fact]
    public async Task ApiPort_DoesNotServePeerApi_AndP2PPort_DoesNotServeNodeApi()
    {
        var onApiPort = await RawHandshake(net.A.ApiUri, TestPeers.Key("b"), TestPeers.ChainId, TestPeers.GenesisHash);
        Assert.Equal(StatusCode.Unimplemented, onApiPort.StatusCode);

        using var p2pChannel = TestNode.Channel(net.A.P2PUri);
        var nodeApiOnP2P = await Assert.ThrowsAsync<RpcException>(async () => await new NodeApi.NodeApiClient(p2pChannel).GetStatusAsync(new GetStatusRequest()));
        Assert.Equal(StatusCode.Unimplemented, nodeApiOnP2P.StatusCode);

        using var apiChannel = GrpcChannel.ForAddress(net.A.ApiUri);
        var status = await new NodeApi.NodeApiClient(apiChannel).GetStatusAsync(new GetStatusRequest());
        Assert.Equal(TestPeers.ChainId, status.ChainId); // the API itself still answers

        var p2pPort = $":{net.A.P2PPort}";
        Assert.Contains(net.A.Logs.Events, e => e.EventId == 1400 && e.Message.Contains(p2pPort, StringComparison.Ordinal));
        Assert.Contains(net.A.Logs.Events, e => e.EventId == 1203 && !e.Message.Contains(p2pPort, StringComparison.Ordinal));
    }

    [Fact]
    public async Task HelloWithAMegabyteChainIdOfForgedLines_IsRefused_WithABoundedStatusAndLogLine()
    {
        // Issue 9, item 5: a 15 MB chain id made a 15-million-character log line, and its newlines forged lines.
        const string Forged = "evil\nwarn: Seratio.Node.P2P.PeerNetwork[1401] forged\r\n\u001b[2J";
        var huge = string.Concat(Enumerable.Repeat(Forged, 20_000));
        Assert.True(huge.Length > 1_000_000);
        // Finding 4: a Hello that large is refused at its length prefix, before its body is read.
        var tooLarge = await RawHandshake(net.B.P2PUri, TestPeers.Key("a"), huge, TestPeers.GenesisHash);
        Assert.Equal(StatusCode.ResourceExhausted, tooLarge.StatusCode);
        Assert.Contains("MaxHandshakeFrameBytes", tooLarge.Detail, StringComparison.Ordinal);

        // One that fits the handshake frame limit is read, refused for its chain, and echoed cut and escaped.
        var chainId = string.Concat(Enumerable.Repeat(Forged, 1_000));
        Assert.True(chainId.Length > 50_000);
        var status = await RawHandshake(net.B.P2PUri, TestPeers.Key("a"), chainId, TestPeers.GenesisHash);

        Assert.Equal(StatusCode.FailedPrecondition, status.StatusCode);
        Assert.True(status.Detail.Length <= 300, $"status detail of {status.Detail.Length} characters");
        Assert.True(Seratio.Core.Text.SafeText.IsClean(status.Detail), status.Detail);
        Assert.Contains("more)", status.Detail, StringComparison.Ordinal);
        await Eventually.True(() => net.B.Logs.Has(1403, "WrongChain"));
        var refusal = net.B.Logs.Events.Last(e => e.EventId == 1403 && e.Message.Contains("WrongChain", StringComparison.Ordinal));
        Assert.True(refusal.Message.Length <= 600, $"log message of {refusal.Message.Length} characters");
        Assert.All(net.B.Logs.Events, e => Assert.True(Seratio.Core.Text.SafeText.IsClean(e.Message), e.Message));

        using var apiChannel = GrpcChannel.ForAddress(net.B.ApiUri);
        Assert.Equal(TestPeers.ChainId, (await new NodeApi.NodeApiClient(apiChannel).GetStatusAsync(new GetStatusRequest())).ChainId);
    }

    [Fact]
    public async Task ReflectionOnTheApiPort_ListsNodeApiAndReflection_NotPeerApi()
    {
        using var channel = GrpcChannel.ForAddress(net.A.ApiUri);
        using var call = new Grpc.Reflection.V1Alpha.ServerReflection.ServerReflectionClient(channel).ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new Grpc.Reflection.V1Alpha.ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).Order().ToArray();
        Assert.Equal(["grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection", "seratio.v1.NodeApi"], services);
    }

    /// <summary>Sends a Hello as <paramref name="key"/> and reads until the server ends the call; returns its status.</summary>
    private static async Task<Status> RawHandshake(Uri uri, SigningKey key, string chainId, Hash32 genesis)
    {
        using var channel = TestNode.Channel(uri);
        using var call = new PeerApi.PeerApiClient(channel).Connect(deadline: DateTime.UtcNow.AddSeconds(10));
        try
        {
            await call.RequestStream.WriteAsync(new PeerFrame
            {
                Hello = new PeerHello
                {
                    ProtocolVersion = Seratio.Node.P2P.Handshake.PeerHandshake.ProtocolVersion,
                    ChainId = chainId,
                    GenesisHash = genesis.ToByteString(),
                    NodeKey = key.PublicKey.ToByteString(),
                    Challenge = ByteString.CopyFrom(new byte[32]),
                },
            });
        }
        catch (RpcException)
        {
            // The server may answer (e.g. 404 → Unimplemented) before the first frame is out; the
            // write then fails as Cancelled, and the server's own status is read from the response below.
        }
        try
        {
            while (await call.ResponseStream.MoveNext(CancellationToken.None)) { }
            return call.GetStatus();
        }
        catch (RpcException ex)
        {
            return ex.Status;
        }
    }
}
