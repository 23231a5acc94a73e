using System.Numerics;
using Nethereum.Signer;
using Nethereum.Util;

namespace Seratio.Vm.Modules.Anchor;

/// <summary>
/// The secp256k1 and keccak256 the anchor module checks with, as Ethereum's <c>ecrecover</c> and the anchor
/// contract see them: a signature is r(32) || s(32) || v(1), v 27 or 28, 0 &lt; r &lt; n, 0 &lt; s ≤ n/2 (low s,
/// EIP-2). Recovery is deterministic (no randomness; the digest and the signature alone decide). Stateless; thread safe.
/// </summary>
public static class AnchorCrypto
{
    /// <summary>An Ethereum address: 20 bytes.</summary>
    public const int AddressSize = 20;

    /// <summary>r || s || v.</summary>
    public const int SignatureSize = 65;

    /// <summary>The order n of secp256k1's group.</summary>
    public static readonly BigInteger CurveOrder = BigInteger.Parse(
        "0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141",
        System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);

    private static readonly BigInteger HalfOrder = CurveOrder / 2;

    /// <summary>keccak256 of <paramref name="data"/>.</summary>
    public static byte[] Keccak(ReadOnlySpan<byte> data) => Sha3Keccack.Current.CalculateHash(data.ToArray());

    /// <summary>
    /// The address that signed <paramref name="digest"/>, or null with <paramref name="problem"/> saying why the
    /// signature is not acceptable (wrong length, v not 27/28, r or s out of range, high s, no point recovers).
    /// </summary>
    public static byte[]? Recover(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature, out string problem)
    {
        if (digest.Length != 32) throw new ArgumentException("a digest is 32 bytes", nameof(digest));
        if (signature.Length != SignatureSize)
        {
            problem = $"a signature is {SignatureSize} bytes (r || s || v), got {signature.Length}";
            return null;
        }
        byte v = signature[64];
        if (v is not (27 or 28))
        {
            problem = $"signature v must be 27 or 28, got {v}";
            return null;
        }
        var r = new BigInteger(signature[..32], isUnsigned: true, isBigEndian: true);
        var s = new BigInteger(signature[32..64], isUnsigned: true, isBigEndian: true);
        if (r.IsZero || r >= CurveOrder)
        {
            problem = "signature r is out of range (0 < r < n)";
            return null;
        }
        if (s.IsZero || s > HalfOrder)
        {
            problem = "signature s is not low (0 < s <= n/2, EIP-2); sign again with a low-s signer";
            return null;
        }
        try
        {
            var sig = EthECDSASignatureFactory.FromComponents(signature[..32].ToArray(), signature[32..64].ToArray(), v);
            var key = EthECKey.RecoverFromSignature(sig, digest.ToArray());
            var address = Convert.FromHexString(key.GetPublicAddress().AsSpan(2));
            problem = "";
            return address;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or ArithmeticException or FormatException)
        {
            problem = "no public key recovers from this signature";
            return null;
        }
    }

    /// <summary>The signature r || s || v of <paramref name="digest"/> by <paramref name="key"/>: low s, v 27/28 (RFC 6979, deterministic).</summary>
    public static byte[] Sign(EthECKey key, ReadOnlySpan<byte> digest)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (digest.Length != 32) throw new ArgumentException("a digest is 32 bytes", nameof(digest));
        var signature = key.SignAndCalculateV(digest.ToArray());
        var result = new byte[SignatureSize];
        signature.R.CopyTo(result, 32 - signature.R.Length);
        signature.S.CopyTo(result, 64 - signature.S.Length);
        result[64] = signature.V[0] < 27 ? (byte)(signature.V[0] + 27) : signature.V[0];
        if (new BigInteger(result.AsSpan(32, 32), isUnsigned: true, isBigEndian: true) > HalfOrder)
            throw new InvalidOperationException("the signer produced a high-s signature");
        return result;
    }

    /// <summary>The 20-byte address of <paramref name="key"/>.</summary>
    public static byte[] AddressOf(EthECKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.FromHexString(key.GetPublicAddress().AsSpan(2));
    }

    /// <summary>0x-prefixed lower-case hex of an address.</summary>
    public static string Hex(ReadOnlySpan<byte> address) => "0x" + Convert.ToHexStringLower(address);
}
