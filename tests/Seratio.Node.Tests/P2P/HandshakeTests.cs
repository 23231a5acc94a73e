using Google.Protobuf;
using Seratio.Core.Crypto;
using Seratio.Node.P2P;
using Seratio.Node.P2P.Handshake;
using Seratio.Protocol;

namespace Seratio.Node.Tests.P2P;

public sealed class HandshakeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private static async Task<(HandshakeResult Dialer, HandshakeResult Acceptor)> Run(LocalNode dialer, LocalNode acceptor, PeerId? expected = null)
    {
        var (a, b) = MemoryFrameStream.Pair();
        var left = PeerHandshake.RunAsync(a, dialer, TestPeers.AllowList, expected, Timeout, TimeProvider.System, CancellationToken.None);
        var right = PeerHandshake.RunAsync(b, acceptor, TestPeers.AllowList, null, Timeout, TimeProvider.System, CancellationToken.None);
        // A side that refuses stops; the other then sees the stream end.
        var first = await Task.WhenAny(left, right);
        (first == left ? a : b).Complete();
        await Task.WhenAll(left, right).WaitAsync(TimeSpan.FromSeconds(10));
        return (await left, await right);
    }

    [Fact]
    public async Task Handshake_BetweenAllowedKeys_ProvesEachSide()
    {
        var (dialer, acceptor) = await Run(TestPeers.Local("a"), TestPeers.Local("c"));
        Assert.Equal(HandshakeOutcome.Accepted, dialer.Outcome);
        Assert.Equal(HandshakeOutcome.Accepted, acceptor.Outcome);
        Assert.Equal(TestPeers.Id("c"), dialer.Peer);
        Assert.Equal(PeerRole.Observer, dialer.Role);
        Assert.Equal(TestPeers.Id("a"), acceptor.Peer);
        Assert.Equal(PeerRole.Validator, acceptor.Role);
    }

    [Fact]
    public async Task Handshake_WithUnknownKey_IsRefused()
    {
        var (dialer, acceptor) = await Run(TestPeers.Local("stranger"), TestPeers.Local("a"));
        Assert.Equal(HandshakeOutcome.UnknownKey, acceptor.Outcome);
        Assert.Contains(TestPeers.Hex("stranger"), acceptor.Reason);
        Assert.Equal(Grpc.Core.StatusCode.PermissionDenied, acceptor.ToStatusCode());
        Assert.False(dialer.IsAccepted);
    }

    [Theory]
    [InlineData("other-chain", false, HandshakeOutcome.WrongChain)]
    [InlineData(TestPeers.ChainId, true, HandshakeOutcome.WrongGenesis)]
    public async Task Handshake_OnAnotherChainOrGenesis_FailsPrecondition(string chainId, bool otherGenesis, HandshakeOutcome expected)
    {
        var genesis = otherGenesis ? Hash32.Sha256("another genesis"u8) : TestPeers.GenesisHash;
        var (_, acceptor) = await Run(TestPeers.Local("b", chainId, genesis), TestPeers.Local("a"));
        Assert.Equal(expected, acceptor.Outcome);
        Assert.Equal(Grpc.Core.StatusCode.FailedPrecondition, acceptor.ToStatusCode());
    }

    [Fact]
    public async Task Handshake_WhenDialledKeyDiffersFromExpected_IsRefusedByTheDialler()
    {
        var (dialer, _) = await Run(TestPeers.Local("a"), TestPeers.Local("c"), expected: TestPeers.Id("b"));
        Assert.Equal(HandshakeOutcome.UnexpectedKey, dialer.Outcome);
    }

    [Fact]
    public async Task Handshake_WithItself_IsRefused()
    {
        var (dialer, _) = await Run(TestPeers.Local("a"), TestPeers.Local("a"));
        Assert.Equal(HandshakeOutcome.SelfConnection, dialer.Outcome);
    }

    [Fact]
    public async Task Handshake_WithProofOverAnotherChallenge_IsRefusedAsBadSignature()
    {
        // An impostor presents b's key but can only replay a proof made for another challenge.
        var (impostor, acceptor) = MemoryFrameStream.Pair();
        var run = PeerHandshake.RunAsync(acceptor, TestPeers.Local("a"), TestPeers.AllowList, null, Timeout, TimeProvider.System, CancellationToken.None);
        var stolen = HandshakeSigner.Sign(TestPeers.Key("b"), TestPeers.ChainId, TestPeers.GenesisHash, new byte[32], default);
        await impostor.WriteAsync(new PeerFrame
        {
            Hello = new PeerHello
            {
                ProtocolVersion = PeerHandshake.ProtocolVersion,
                ChainId = TestPeers.ChainId,
                GenesisHash = TestPeers.GenesisHash.ToByteString(),
                NodeKey = TestPeers.Key("b").PublicKey.ToByteString(),
                Challenge = ByteString.CopyFrom(new byte[32]),
            },
        }, CancellationToken.None);
        await impostor.WriteAsync(new PeerFrame { Proof = new PeerHelloProof { Signature = ByteString.CopyFrom(stolen) } }, CancellationToken.None);
        var result = await run.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HandshakeOutcome.BadSignature, result.Outcome);
        Assert.Equal(Grpc.Core.StatusCode.PermissionDenied, result.ToStatusCode());
    }

    [Fact]
    public async Task Handshake_WithSilentPeer_TimesOut()
    {
        var (_, acceptor) = MemoryFrameStream.Pair();
        var result = await PeerHandshake.RunAsync(acceptor, TestPeers.Local("a"), TestPeers.AllowList, null, TimeSpan.FromMilliseconds(100), TimeProvider.System, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HandshakeOutcome.Timeout, result.Outcome);
    }

    [Fact]
    public async Task Handshake_WithMessageBeforeHello_IsMalformed()
    {
        var (peer, acceptor) = MemoryFrameStream.Pair();
        await peer.WriteAsync(new PeerFrame { Message = new PeerEnvelope { Channel = 1 } }, CancellationToken.None);
        var result = await PeerHandshake.RunAsync(acceptor, TestPeers.Local("a"), TestPeers.AllowList, null, Timeout, TimeProvider.System, CancellationToken.None);
        Assert.Equal(HandshakeOutcome.Malformed, result.Outcome);
    }

    [Theory]
    [InlineData("chain")]
    [InlineData("genesis")]
    [InlineData("challenge")]
    [InlineData("binding")]
    [InlineData("signer")]
    public void SignBytes_BindEveryField(string changed)
    {
        var challenge = new byte[32];
        challenge[0] = 7;
        var key = TestPeers.Key("a");
        var binding = Hash32.Sha256("certificate A"u8);
        var signature = HandshakeSigner.Sign(key, TestPeers.ChainId, TestPeers.GenesisHash, challenge, binding);
        Assert.True(HandshakeSigner.Verify(key.PublicKey, signature, TestPeers.ChainId, TestPeers.GenesisHash, challenge, binding));

        var otherChallenge = (byte[])challenge.Clone();
        otherChallenge[31] = 1;
        bool verifies = changed switch
        {
            "chain" => HandshakeSigner.Verify(key.PublicKey, signature, "seratio-other", TestPeers.GenesisHash, challenge, binding),
            "genesis" => HandshakeSigner.Verify(key.PublicKey, signature, TestPeers.ChainId, Hash32.Sha256("x"u8), challenge, binding),
            "challenge" => HandshakeSigner.Verify(key.PublicKey, signature, TestPeers.ChainId, TestPeers.GenesisHash, otherChallenge, binding),
            "binding" => HandshakeSigner.Verify(key.PublicKey, signature, TestPeers.ChainId, TestPeers.GenesisHash, challenge, Hash32.Sha256("certificate B"u8)),
            _ => HandshakeSigner.Verify(TestPeers.Key("b").PublicKey, signature, TestPeers.ChainId, TestPeers.GenesisHash, challenge, binding),
        };
        Assert.False(verifies);
    }

    [Fact]
    public void SignBytes_StartWithTheDomainTagAndLengthPrefixedChainId()
    {
        var binding = Hash32.Sha256("certificate"u8);
        var bytes = HandshakeSigner.SignBytes("abc", TestPeers.GenesisHash, new byte[32], binding, TestPeers.Key("a").PublicKey);
        var tag = "seratio/p2p-handshake"u8.ToArray();
        Assert.Equal(tag, bytes[..tag.Length]);
        Assert.Equal(3, bytes[tag.Length]);
        Assert.Equal(tag.Length + 1 + 3 + 32 + 32 + 32 + 32, bytes.Length);
        Assert.Equal(binding.ToArray(), bytes[(tag.Length + 1 + 3 + 64)..(tag.Length + 1 + 3 + 96)]);
    }

    [Fact]
    public async Task Handshake_WhereTheSidesSawDifferentCertificates_IsRefusedAsBadSignature_OnBothSides()
    {
        // What a relay that terminates TLS causes: the dialler's binding is the relay's certificate, the listener's its own.
        var (a, b) = MemoryFrameStream.Pair(Hash32.Sha256("relay's certificate"u8), Hash32.Sha256("listener's certificate"u8));
        var dialer = PeerHandshake.RunAsync(a, TestPeers.Local("a"), TestPeers.AllowList, TestPeers.Id("b"), Timeout, TimeProvider.System, CancellationToken.None);
        var acceptor = PeerHandshake.RunAsync(b, TestPeers.Local("b"), TestPeers.AllowList, null, Timeout, TimeProvider.System, CancellationToken.None);
        var results = await Task.WhenAll(dialer, acceptor).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.All(results, r => Assert.Equal(HandshakeOutcome.BadSignature, r.Outcome));

        // The same certificate on both sides: accepted (so the refusal above is the binding's doing).
        var (c, d) = MemoryFrameStream.Pair(Hash32.Sha256("listener's certificate"u8), Hash32.Sha256("listener's certificate"u8));
        var ok = await Task.WhenAll(
            PeerHandshake.RunAsync(c, TestPeers.Local("a"), TestPeers.AllowList, TestPeers.Id("b"), Timeout, TimeProvider.System, CancellationToken.None),
            PeerHandshake.RunAsync(d, TestPeers.Local("b"), TestPeers.AllowList, null, Timeout, TimeProvider.System, CancellationToken.None)).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.All(ok, r => Assert.Equal(HandshakeOutcome.Accepted, r.Outcome));
    }
}
