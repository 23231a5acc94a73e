using System.Text;

namespace Seratio.Vm.Modules.Anchor;

/// <summary>
/// What an anchor key signs to prove it belongs to a validator of one Seratio chain:
/// keccak256(<see cref="Domain"/> || validator Ed25519 public key (32 bytes) || UTF-8 chain id), signed raw
/// (no Ethereum message prefix). The domain keeps the proof from ever being a valid checkpoint signature
/// or Ethereum message, the key and chain id keep it from being replayed for another validator or chain.
/// Stateless; thread safe.
/// </summary>
public static class AnchorKeyProof
{
    /// <summary>The domain string the proof starts with.</summary>
    public const string Domain = "seratio/anchor-key/v1";

    /// <summary>The 32-byte digest the anchor key signs.</summary>
    public static byte[] Digest(ReadOnlySpan<byte> validatorPublicKey, string chainId)
    {
        ArgumentNullException.ThrowIfNull(chainId);
        var domain = Encoding.UTF8.GetBytes(Domain);
        var chain = Encoding.UTF8.GetBytes(chainId);
        var data = new byte[domain.Length + validatorPublicKey.Length + chain.Length];
        domain.CopyTo(data, 0);
        validatorPublicKey.CopyTo(data.AsSpan(domain.Length));
        chain.CopyTo(data, domain.Length + validatorPublicKey.Length);
        return AnchorCrypto.Keccak(data);
    }

    /// <summary>The proof for <paramref name="validatorPublicKey"/> on <paramref name="chainId"/>, signed by <paramref name="anchorKey"/>.</summary>
    public static byte[] Sign(Nethereum.Signer.EthECKey anchorKey, ReadOnlySpan<byte> validatorPublicKey, string chainId) =>
        AnchorCrypto.Sign(anchorKey, Digest(validatorPublicKey, chainId));
}
