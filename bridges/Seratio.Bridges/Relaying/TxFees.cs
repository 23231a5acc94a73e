using System.Numerics;

namespace Seratio.Bridges.Relaying;

/// <summary>
/// What one relayer transaction offers to pay per gas, in wei: a legacy type-0 transaction's <see cref="GasPrice"/>, or
/// an EIP-1559 type-2 transaction's <see cref="MaxFee"/> and <see cref="Tip"/> (max priority fee). Unused fields are 0.
/// Immutable.
/// </summary>
public sealed record TxFees(BigInteger GasPrice, BigInteger MaxFee, BigInteger Tip)
{
    /// <summary>The replacement rule of this relayer: each offered price rises by at least 1/8 (12.5 %), above geth's and anvil's 10 %.</summary>
    public const int BumpNumerator = 9;

    /// <summary>See <see cref="BumpNumerator"/>.</summary>
    public const int BumpDenominator = 8;

    /// <summary>A type-0 offer.</summary>
    public static TxFees Legacy(BigInteger gasPrice) => new(gasPrice, 0, 0);

    /// <summary>A type-2 offer.</summary>
    public static TxFees Eip1559(BigInteger maxFee, BigInteger tip) => new(0, maxFee, tip);

    /// <summary>True for a type-0 offer (no max fee, no tip).</summary>
    public bool IsLegacy => MaxFee.IsZero && Tip.IsZero;

    /// <summary>The highest price per gas the offer can pay (gas price, or max fee).</summary>
    public BigInteger Ceiling => IsLegacy ? GasPrice : MaxFee;

    /// <summary>
    /// The offer that replaces this one (same nonce): every price raised by at least 12.5 % (rounded up, and by at least
    /// 1 wei), or to today's <paramref name="current"/> offer where that is higher; null when the result would pay more
    /// than <paramref name="capWei"/> per gas (the replacement is not sent; the transaction waits at its old price).
    /// </summary>
    public TxFees? Bumped(TxFees current, BigInteger capWei)
    {
        ArgumentNullException.ThrowIfNull(current);
        TxFees next = IsLegacy
            ? Legacy(BigInteger.Max(Raise(GasPrice), current.GasPrice))
            : Eip1559(BigInteger.Max(Raise(MaxFee), current.MaxFee), BigInteger.Max(Raise(Tip), current.Tip));
        if (!IsLegacy && next.MaxFee < next.Tip) next = next with { MaxFee = next.Tip };
        return next.Ceiling > capWei ? null : next;
    }

    /// <summary>Ceiling of <paramref name="price"/> × 9/8, and at least <paramref name="price"/> + 1.</summary>
    public static BigInteger Raise(BigInteger price) =>
        BigInteger.Max(price + 1, (price * BumpNumerator + BumpDenominator - 1) / BumpDenominator);

    /// <inheritdoc />
    public override string ToString() => IsLegacy ? $"gas price {GasPrice} wei" : $"max fee {MaxFee} wei, tip {Tip} wei";
}
