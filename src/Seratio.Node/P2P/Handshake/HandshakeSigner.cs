using System.Text;
using Seratio.Core.Crypto;

namespace Seratio.Node.P2P.Handshake;

/// <summary>
/// The bytes a node signs to prove its key: "seratio/p2p-handshake" || len(chain id) (1 byte) ||
/// chain id (UTF-8) || genesis hash (32) || the other side's challenge (32) || the signer's key (32).
/// Binding the chain, the genesis and the signer's key stops a proof being replayed on another
/// network or passed off for another key; the other side's fresh challenge stops a replay in time.
/// Stateless; thread safe.
/// </summary>
public static class HandshakeSigner
{
    public const int ChallengeSize = 32;

    public static byte[] SignBytes(string chainId, Hash32 genesisHash, ReadOnlySpan<byte> challenge, PublicKey signer)
    {
        ArgumentNullException.ThrowIfNull(chainId);
        if (challenge.Length != ChallengeSize) throw new ArgumentException($"a challenge is {ChallengeSize} bytes", nameof(challenge));
        var chain = Encoding.UTF8.GetBytes(chainId);
        if (chain.Length > byte.MaxValue) throw new ArgumentException("chain id longer than 255 bytes", nameof(chainId));
        var tag = Domains.P2PHandshake.Tag;
        var bytes = new byte[tag.Length + 1 + chain.Length + Hash32.Size + ChallengeSize + PublicKey.Size];
        var span = bytes.AsSpan();
        tag.CopyTo(span);
        span = span[tag.Length..];
        span[0] = (byte)chain.Length;
        chain.CopyTo(span[1..]);
        span = span[(1 + chain.Length)..];
        genesisHash.CopyTo(span);
        challenge.CopyTo(span[Hash32.Size..]);
        signer.CopyTo(span[(Hash32.Size + ChallengeSize)..]);
        return bytes;
    }

    public static byte[] Sign(SigningKey key, string chainId, Hash32 genesisHash, ReadOnlySpan<byte> theirChallenge)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Sign(SignBytes(chainId, genesisHash, theirChallenge, key.PublicKey));
    }

    public static bool Verify(PublicKey signer, ReadOnlySpan<byte> signature, string chainId, Hash32 genesisHash, ReadOnlySpan<byte> ourChallenge) =>
        signature.Length == Ed25519.SignatureSize && signer.Verify(SignBytes(chainId, genesisHash, ourChallenge, signer), signature);
}
