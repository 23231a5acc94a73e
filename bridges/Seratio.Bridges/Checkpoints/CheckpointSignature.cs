using System.Numerics;

namespace Seratio.Bridges.Checkpoints;

/// <summary>
/// A secp256k1 signature over a checkpoint digest: v in {27, 28}, r and s 32 bytes each,
/// big-endian. Immutable.
/// </summary>
public sealed record CheckpointSignature(byte V, byte[] R, byte[] S)
{
    /// <summary>The order n of secp256k1's group.</summary>
    public static readonly BigInteger CurveOrder =
        BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>True when s ≤ n/2, the only form the contract accepts (EIP-2).</summary>
    public bool IsLowS => new BigInteger(S, isUnsigned: true, isBigEndian: true) <= CurveOrder / 2;

    /// <summary>
    /// The malleable twin (n − s, the other v): recovers to the same address, and the contract
    /// must refuse it. For tests of that rule.
    /// </summary>
    public CheckpointSignature WithHighS()
    {
        var high = CurveOrder - new BigInteger(S, isUnsigned: true, isBigEndian: true);
        var bytes = high.ToByteArray(isUnsigned: true, isBigEndian: true);
        var s = new byte[32];
        bytes.CopyTo(s, 32 - bytes.Length);
        return new CheckpointSignature(V == 27 ? (byte)28 : (byte)27, R, s);
    }
}
