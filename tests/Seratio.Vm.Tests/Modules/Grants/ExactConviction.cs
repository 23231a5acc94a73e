using System.Numerics;
using Seratio.Protocol;

namespace Seratio.Vm.Tests.Modules.Grants;

/// <summary>
/// The conviction recurrence and threshold in exact rationals (BigInteger numerator over denominator), as a reference
/// the fixed-point code is measured against; slow and only for tests.
/// </summary>
public static class ExactConviction
{
    /// <summary>yₙ = aⁿ·y₀ + x·(1 − aⁿ)/(1 − a) with a = num/den, as (numerator, denominator).</summary>
    public static (BigInteger Num, BigInteger Den) After(BigInteger y0, BigInteger x, int n, ulong num, ulong den)
    {
        var an = BigInteger.Pow(num, n);
        var dn = BigInteger.Pow(den, n);
        BigInteger d = den - num;
        // aⁿ·y₀ + x·(1 − aⁿ)·den/d = (an·y₀·d + x·(dn − an)·den) / (dn·d)
        return (an * y0 * d + x * (dn - an) * den, dn * d);
    }

    /// <summary>|fixed − exact| as a rational compared with an integer bound: true when within it.</summary>
    public static bool Within(BigInteger fixedPoint, (BigInteger Num, BigInteger Den) exact, BigInteger bound) =>
        BigInteger.Abs(fixedPoint * exact.Den - exact.Num) <= bound * exact.Den;

    /// <summary>Whether the exact conviction passes: y·(1−a)·(β − r/R)² ≥ ρ·S, with r &lt; β·R.</summary>
    public static bool Passes((BigInteger Num, BigInteger Den) y, BigInteger r, BigInteger treasury, BigInteger staked, DafParams p)
    {
        if (r * 10_000 >= p.GrantMaxRatioBps * treasury) return false;
        var margin = p.GrantMaxRatioBps * treasury - 10_000 * r;
        var left = y.Num * (p.ConvictionDecayDen - (BigInteger)p.ConvictionDecayNum) * margin * margin * 1_000_000;
        var scaled = 10_000 * treasury;
        var right = y.Den * p.GrantWeightPpm * staked * p.ConvictionDecayDen * scaled * scaled;
        return left >= right;
    }

    /// <summary>The fewest blocks after which a stake <paramref name="x"/> from conviction 0 passes exactly, or null within <paramref name="max"/>.</summary>
    public static int? BlocksToPass(BigInteger x, BigInteger r, BigInteger treasury, BigInteger staked, DafParams p, int max)
    {
        for (int n = 1; n <= max; n++)
            if (Passes(After(0, x, n, p.ConvictionDecayNum, p.ConvictionDecayDen), r, treasury, staked, p)) return n;
        return null;
    }
}
