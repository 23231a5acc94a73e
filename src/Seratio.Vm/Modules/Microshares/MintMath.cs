using System.Numerics;
using Seratio.Core.Numerics;
using Seratio.Protocol;
using Seratio.Vm.Modules.Certificates;

namespace Seratio.Vm.Modules.Microshares;

/// <summary>
/// The integer arithmetic of microshares. Mint: FIXED gives floor(backing × n / d); SE_RATIO gives
/// floor(backing × ratio × n / (10^18 × d)) where ratio is the certificate's stored S/E ratio (18
/// decimals). Release on redemption: cumulative, floor(origin_amount × redeemed / minted) minus what
/// was already released, so the last unit of a lot releases the remainder exactly and no dust is left.
/// Products are computed in <see cref="BigInteger"/> (exact); a result above 2^128-1 is reported as null.
/// Rounding is always toward zero, in favour of the reserve. Pure; thread safe.
/// </summary>
public static class MintMath
{
    private static readonly BigInteger MaxUnits = (BigInteger)UInt128.MaxValue;

    /// <summary>The units <paramref name="backing"/> buys under <paramref name="rule"/>; null when above 2^128-1.</summary>
    public static Amount? Units(MintRule rule, Amount backing, BigInteger ratio)
    {
        ArgumentNullException.ThrowIfNull(rule);
        BigInteger units = rule.Kind switch
        {
            MintRuleKind.Fixed => (BigInteger)backing.Value * rule.Numerator / rule.Denominator,
            MintRuleKind.SeRatio => (BigInteger)backing.Value * ratio * rule.Numerator / (SeRatio.One * rule.Denominator),
            _ => throw new ArgumentException($"mint rule kind {rule.Kind} has no arithmetic", nameof(rule)),
        };
        return units > MaxUnits ? null : new Amount((UInt128)units);
    }

    /// <summary>Backing released in total once <paramref name="redeemed"/> of <paramref name="minted"/> units are redeemed.</summary>
    public static Amount ReleasedAfter(Amount originAmount, Amount redeemed, Amount minted)
    {
        if (minted.IsZero) throw new ArgumentException("a lot always has minted units", nameof(minted));
        if (redeemed > minted) throw new ArgumentException("more units redeemed than minted", nameof(redeemed));
        return new Amount((UInt128)((BigInteger)originAmount.Value * redeemed.Value / minted.Value));
    }
}
