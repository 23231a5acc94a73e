using System.Text;
using Seratio.Core.Crypto;

namespace Seratio.Node.P2P.Handshake;

/// <summary>
/// The bytes a node signs to prove its key: "seratio/p2p-handshake" || len(chain id) (1 byte) ||
/// chain id (UTF-8) || genesis hash (32) || the other side's challenge (32) || channel binding (32) ||
/// the signer's key (32). Binding the chain, the genesis and the signer's key stops a proof being
/// replayed on another network or passed off for another key; the other side's fresh challenge stops
/// a replay in time. The channel binding is SHA-256 of the P2P listener's TLS certificate as each side
/// saw it (RFC 5929's tls-server-end-point; 32 zero bytes under P2P:Transport=cleartext): a relay that
/// terminates TLS shows the dialler its own certificate, so neither side's proof verifies on the other.
/// Stateless; thread safe.
/// </summary>
public static class HandshakeSigner
{
    public const int ChallengeSize = 32;

    public static byte[] SignBytes(string chainId, Hash32 genesisHash, ReadOnlySpan<byte> challenge, Hash32 channelBinding, PublicKey signer)
    {
        ArgumentNullException.ThrowIfNull(chainId);
        if (challenge.Length != ChallengeSize) throw new ArgumentException($"a challenge is {ChallengeSize} bytes", nameof(challenge));
        var bytes = ChainSignBytes.Create(Domains.P2PHandshake, chainId, Hash32.Size + ChallengeSize + Hash32.Size + PublicKey.Size, out var span);
        genesisHash.CopyTo(span);
        challenge.CopyTo(span[Hash32.Size..]);
        channelBinding.CopyTo(span[(Hash32.Size + ChallengeSize)..]);
        signer.CopyTo(span[(Hash32.Size + ChallengeSize + Hash32.Size)..]);
        return bytes;
    }

    public static byte[] Sign(SigningKey key, string chainId, Hash32 genesisHash, ReadOnlySpan<byte> theirChallenge, Hash32 channelBinding)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Sign(SignBytes(chainId, genesisHash, theirChallenge, channelBinding, key.PublicKey));
    }

    public static bool Verify(PublicKey signer, ReadOnlySpan<byte> signature, string chainId, Hash32 genesisHash, ReadOnlySpan<byte> ourChallenge,
        Hash32 channelBinding) =>
        signature.Length == Ed25519.SignatureSize && signer.Verify(SignBytes(chainId, genesisHash, ourChallenge, channelBinding, signer), signature);
}
