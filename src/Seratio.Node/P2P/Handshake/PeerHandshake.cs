using System.Security.Cryptography;
using Google.Protobuf;
using Grpc.Core;
using Seratio.Core.Crypto;
using Seratio.Core.Text;
using Seratio.Node.P2P.Transport;
using Seratio.Protocol;

namespace Seratio.Node.P2P.Handshake;

/// <summary>
/// Runs the handshake over a fresh stream, the same on both sides: send Hello (version, chain,
/// genesis, key, fresh challenge); read the peer's Hello and check it (chain, genesis, version,
/// key allowed, expected key, not self); send the proof over the peer's challenge; read and verify
/// the peer's proof. Both proofs cover the stream's channel binding (the P2P listener's TLS
/// certificate hash as this side saw it, see <see cref="HandshakeSigner"/>), so a relay that
/// terminates TLS gets BadSignature on both sides. A side that refuses stops at once, so an unknown peer gets nothing past our
/// Hello. A refusal's reason goes to the log and to the peer's status, so text the peer chose (its
/// chain id, its status detail) is echoed through <see cref="SafeText"/>: bounded, control characters
/// escaped. Stateless; thread safe.
/// </summary>
public static class PeerHandshake
{
    /// <summary>2: the proofs cover the TLS channel binding (1 had none and spoke cleartext).</summary>
    public const uint ProtocolVersion = 2;

    /// <summary>The most characters of a peer's chain id echoed in a refusal.</summary>
    public const int ChainIdEchoChars = 100;

    /// <param name="identified">Called once the peer's Hello passed its checks (a known key), before this side's proof is sent.</param>
    public static async Task<HandshakeResult> RunAsync(
        IFrameStream stream, LocalNode local, PeerAllowList allowed, PeerId? expected, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken,
        Action<PeerId>? identified = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(allowed);
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        try
        {
            return await RunCoreAsync(stream, local, allowed, expected, identified, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return HandshakeResult.Refuse(HandshakeOutcome.Timeout, $"handshake not finished within {timeout.TotalMilliseconds:0} ms");
        }
        catch (RpcException ex) when (!cancellationToken.IsCancellationRequested)
        {
            var outcome = ex.StatusCode is StatusCode.PermissionDenied or StatusCode.FailedPrecondition or StatusCode.InvalidArgument
                ? HandshakeOutcome.RefusedByPeer : HandshakeOutcome.Closed;
            return HandshakeResult.Refuse(outcome, $"{ex.StatusCode}: {SafeText.Clip(ex.Status.Detail)}");
        }
        catch (IOException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return HandshakeResult.Refuse(HandshakeOutcome.Closed, SafeText.Clip(ex.Message));
        }
    }

    private static async Task<HandshakeResult> RunCoreAsync(IFrameStream stream, LocalNode local, PeerAllowList allowed, PeerId? expected, Action<PeerId>? identified, CancellationToken ct)
    {
        var challenge = RandomNumberGenerator.GetBytes(HandshakeSigner.ChallengeSize);
        await stream.WriteAsync(new PeerFrame
        {
            Hello = new PeerHello
            {
                ProtocolVersion = ProtocolVersion,
                ChainId = local.ChainId,
                GenesisHash = local.GenesisHash.ToByteString(),
                NodeKey = local.Key.PublicKey.ToByteString(),
                Challenge = ByteString.CopyFrom(challenge),
            },
        }, ct).ConfigureAwait(false);

        var first = await stream.ReadAsync(ct).ConfigureAwait(false);
        if (first is null) return HandshakeResult.Refuse(HandshakeOutcome.Closed, "the peer closed the stream before its Hello");
        if (first.KindCase != PeerFrame.KindOneofCase.Hello) return HandshakeResult.Refuse(HandshakeOutcome.Malformed, $"expected Hello, got {first.KindCase}");
        var hello = first.Hello;
        var checkedHello = Check(hello, local, allowed, expected);
        if (!checkedHello.IsAccepted) return checkedHello;
        var peer = checkedHello.Peer;
        identified?.Invoke(peer);

        // Read now, not at the start: on the dialling side TLS has certainly completed once the peer's Hello arrived.
        var binding = stream.ChannelBinding;
        var proof = HandshakeSigner.Sign(local.Key, local.ChainId, local.GenesisHash, hello.Challenge.Span, binding);
        await stream.WriteAsync(new PeerFrame { Proof = new PeerHelloProof { Signature = ByteString.CopyFrom(proof) } }, ct).ConfigureAwait(false);

        var second = await stream.ReadAsync(ct).ConfigureAwait(false);
        if (second is null) return HandshakeResult.Refuse(HandshakeOutcome.Closed, "the peer closed the stream before its proof", peer);
        if (second.KindCase != PeerFrame.KindOneofCase.Proof) return HandshakeResult.Refuse(HandshakeOutcome.Malformed, $"expected a proof, got {second.KindCase}", peer);
        if (!HandshakeSigner.Verify(peer.Key, second.Proof.Signature.Span, local.ChainId, local.GenesisHash, challenge, binding))
            return HandshakeResult.Refuse(HandshakeOutcome.BadSignature,
                $"the proof does not verify under node key {peer.ToHex()} (over TLS: the peer saw another certificate, a relay in between?)", peer);
        return checkedHello;
    }

    private static HandshakeResult Check(PeerHello hello, LocalNode local, PeerAllowList allowed, PeerId? expected)
    {
        if (hello.NodeKey.Length != PublicKey.Size || hello.GenesisHash.Length != Hash32.Size || hello.Challenge.Length != HandshakeSigner.ChallengeSize)
            return HandshakeResult.Refuse(HandshakeOutcome.Malformed, "node_key, genesis_hash and challenge must be 32 bytes each");
        var peer = new PeerId(new PublicKey(hello.NodeKey.Span));
        if (hello.ProtocolVersion != ProtocolVersion)
            return HandshakeResult.Refuse(HandshakeOutcome.WrongProtocol, $"peer speaks protocol {hello.ProtocolVersion}, this node {ProtocolVersion}", peer);
        if (hello.ChainId != local.ChainId)
            return HandshakeResult.Refuse(HandshakeOutcome.WrongChain, $"peer is on chain '{SafeText.Clip(hello.ChainId, ChainIdEchoChars)}', this node on '{local.ChainId}'", peer);
        var genesis = new Hash32(hello.GenesisHash.Span);
        if (genesis != local.GenesisHash)
            return HandshakeResult.Refuse(HandshakeOutcome.WrongGenesis, $"peer has genesis {genesis}, this node {local.GenesisHash}", peer);
        if (peer == local.Id)
            return HandshakeResult.Refuse(HandshakeOutcome.SelfConnection, "the peer presented this node's own key (dialled itself?)", peer);
        if (expected is { } want && want != peer)
            return HandshakeResult.Refuse(HandshakeOutcome.UnexpectedKey, $"expected node key {want.ToHex()}, the peer presented {peer.ToHex()}", peer);
        var role = allowed.RoleOf(peer);
        if (role == PeerRole.Unknown)
            return HandshakeResult.Refuse(HandshakeOutcome.UnknownKey, $"node key {peer.ToHex()} is neither a validator (of genesis or of the chain now) nor in P2P:AllowedPeers", peer);
        return new HandshakeResult(HandshakeOutcome.Accepted, "", peer, role);
    }
}
