using System.Text;
using Grpc.Net.Client;
using Seratio.Core.Crypto;
using Seratio.Node.P2P;
using Seratio.Node.Tests.Mempool;
using Seratio.Protocol;

namespace Seratio.Node.Tests.P2P;

/// <summary>
/// Issue 9, "Encrypted P2P": two whole nodes (real Kestrel, real sockets on loopback) with a relay on the link between
/// them. Over TLS a passive relay reads nothing and a relay that terminates TLS gets no session; in cleartext the
/// same relay reads everything (so the first test can fail).
/// </summary>
public sealed class TlsTransportTests
{
    [Theory]
    [InlineData(P2POptions.TransportTls)]
    [InlineData(P2POptions.TransportCleartext)]
    public async Task PassiveRelay_SeesTheChainIdAndAGossipedMemo_OnlyInCleartext(string transport)
    {
        var settings = new Dictionary<string, object> { ["Transport"] = transport };
        await using var a = await TestNode.StartAsync("a", TestPorts.Free(), [], p2pSettings: settings);
        await using var relay = Relay.Forwarding(a.P2PPort);
        await using var b = await TestNode.StartAsync("b", TestPorts.Free(), [TestNode.Dial("a", relay.Port)], p2pSettings: settings);
        await Eventually.True(() => a.Network.Peers.Count == 1 && b.Network.Peers.Count == 1);

        // A transaction admitted at B is gossiped to A through the relay.
        var memo = $"wire-secret-{transport}-{Guid.NewGuid():N}";
        using var channel = GrpcChannel.ForAddress(b.ApiUri);
        var tx = TestTx.From("alice").Nonce(0).Memo(memo).ByteString();
        await new NodeApi.NodeApiClient(channel).SubmitTxAsync(new SubmitTxRequest { Tx = tx, Mode = SubmitMode.Admit });
        var hash = Hashing.Hash(Domains.Tx, Tx.Parser.ParseFrom(tx).Body.Span);
        await Eventually.True(() => a.Pool.Contains(hash));

        Assert.True(relay.Connections >= 1);
        Assert.True(relay.Recorded().Length > 1000, $"the relay recorded {relay.Recorded().Length} bytes");
        bool sawChain = relay.Saw(Encoding.UTF8.GetBytes(TestPeers.ChainId));
        bool sawMemo = relay.Saw(Encoding.UTF8.GetBytes(memo));
        bool sawTx = relay.Saw(tx.Span);
        if (transport == P2POptions.TransportTls)
        {
            Assert.False(sawChain, "the chain id crossed the wire in the clear");
            Assert.False(sawMemo, "the memo crossed the wire in the clear");
            Assert.False(sawTx, "the transaction crossed the wire in the clear");
            Assert.Equal(0x16, relay.Recorded()[0]); // a TLS handshake record opens the connection
        }
        else
        {
            Assert.True(sawChain && sawMemo && sawTx, $"cleartext: chain id {sawChain}, memo {sawMemo}, tx {sawTx}");
        }
    }

    [Fact]
    public async Task RelayThatTerminatesTls_ReadsTheHandshake_ButGetsNoSession_BothProofsFailAsBadSignature()
    {
        await using var a = await TestNode.StartAsync("a", TestPorts.Free(), []);
        await using var mitm = Relay.TerminatingTls(a.P2PPort);
        await using var b = await TestNode.StartAsync("b", TestPorts.Free(), [TestNode.Dial("a", mitm.Port)]);

        await Eventually.True(() => a.Logs.Has(1403, "BadSignature"));
        await Eventually.True(() => b.Logs.Has(1404, "BadSignature") || b.Logs.Has(1409, "BadSignature"));
        // The relay did sit in the middle of a working TLS link: it read the handshake in the clear.
        Assert.True(mitm.Connections >= 1);
        Assert.True(mitm.Saw(Encoding.UTF8.GetBytes(TestPeers.ChainId)), "the relay did not decrypt the traffic it relayed");
        Assert.Empty(a.Network.Peers);
        Assert.Empty(b.Network.Peers);
        Assert.DoesNotContain(a.Logs.Events, e => e.EventId == 1401); // never "connected"
        Assert.DoesNotContain(b.Logs.Events, e => e.EventId == 1401);
    }

    [Theory]
    [InlineData(P2POptions.TransportTls, P2POptions.TransportCleartext)]
    [InlineData(P2POptions.TransportCleartext, P2POptions.TransportTls)]
    public async Task DiallerAndListenerWithDifferentTransports_FailTheDialWithAReason_AndStayUp(string dialler, string listener)
    {
        await using var a = await TestNode.StartAsync("a", TestPorts.Free(), [], p2pSettings: new Dictionary<string, object> { ["Transport"] = listener });
        await using var b = await TestNode.StartAsync("b", TestPorts.Free(), [TestNode.Dial(a)],
            p2pSettings: new Dictionary<string, object> { ["Transport"] = dialler });

        await Eventually.True(() => b.Logs.Events.Count(e => e.EventId == 1404) >= 2);
        Assert.True(b.Logs.Has(1409, "P2P:Transport"), string.Join("\n", b.Logs.Events.Where(e => e.EventId is 1404 or 1409 or 1403 or 1408).Select(e => e.Message)));
        await Eventually.True(() => b.Logs.Events.Count(e => e.EventId == 1404) >= 2); // it keeps retrying, with back-off
        Assert.Empty(a.Network.Peers);
        Assert.Empty(b.Network.Peers);

        // Both nodes still serve their APIs.
        foreach (var node in new[] { a, b })
        {
            using var channel = GrpcChannel.ForAddress(node.ApiUri);
            var status = await new NodeApi.NodeApiClient(channel).GetStatusAsync(new GetStatusRequest());
            Assert.Equal(TestPeers.ChainId, status.ChainId);
        }
    }
}
