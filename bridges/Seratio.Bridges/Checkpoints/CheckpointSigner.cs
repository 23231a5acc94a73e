using Nethereum.Signer;

namespace Seratio.Bridges.Checkpoints;

/// <summary>
/// Signs checkpoint digests with a secp256k1 anchor key, in the form the contract accepts:
/// low-s (EIP-2), v in {27, 28}. Holds the key; thread safe (signing is deterministic, RFC 6979).
/// </summary>
public sealed class CheckpointSigner(EthECKey key)
{
    private readonly EthECKey _key = key ?? throw new ArgumentNullException(nameof(key));

    /// <summary>The anchor address (0x-prefixed, checksummed) that ecrecover yields for this key's signatures.</summary>
    public string Address => _key.GetPublicAddress();

    /// <summary>Signs <paramref name="checkpoint"/> for the anchor contract at <paramref name="contractAddress"/> on EVM chain <paramref name="evmChainId"/>.</summary>
    public CheckpointSignature Sign(Checkpoint checkpoint, long evmChainId, string contractAddress) =>
        SignDigest(CheckpointTypedData.Digest(checkpoint, evmChainId, contractAddress));

    /// <summary>Signs a 32-byte digest.</summary>
    public CheckpointSignature SignDigest(byte[] digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        if (digest.Length != 32) throw new ArgumentException("a digest is 32 bytes", nameof(digest));
        var signature = _key.SignAndCalculateV(digest);
        var s = signature.S.Length == 32 ? signature.S : Pad(signature.S);
        var r = signature.R.Length == 32 ? signature.R : Pad(signature.R);
        byte v = signature.V[0] < 27 ? (byte)(signature.V[0] + 27) : signature.V[0];
        var result = new CheckpointSignature(v, r, s);
        if (!result.IsLowS) throw new InvalidOperationException("the signer produced a high-s signature");
        return result;
    }

    private static byte[] Pad(byte[] value)
    {
        var word = new byte[32];
        value.CopyTo(word, 32 - value.Length);
        return word;
    }
}
