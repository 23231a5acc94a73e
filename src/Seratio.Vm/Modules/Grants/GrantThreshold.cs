using System.Numerics;
using Seratio.Core.Numerics;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Grants;

/// <summary>
/// When a grant passes (docs/modules/grants.md, "Threshold"): τ = ρ·S / ((1−a)(β − r/R)²) for request r, treasury R and
/// total stake S, compared in exact integers with no division:
/// r·10⁴ &lt; β_bps·R and y·(den−num)·(β_bps·R − 10⁴·r)²·10⁶ ≥ ρ_ppm·S·den·(10⁴·R)², and only while someone stakes on it.
/// A request with r ≥ β·R never passes. Pure; thread safe.
/// </summary>
public static class GrantThreshold
{
    private static readonly BigInteger Bps = 10_000;
    private static readonly BigInteger Ppm = 1_000_000;

    /// <summary>Whether r &lt; β·R: otherwise no conviction is ever enough.</summary>
    public static bool CanPass(Amount requested, Amount treasury, DafParams p) =>
        Bps * requested.Value < p.GrantMaxRatioBps * (BigInteger)treasury.Value;

    /// <summary>
    /// Whether conviction <paramref name="y"/> passes a request for <paramref name="requested"/> with stake
    /// <paramref name="staked"/> on it now; a grant nobody stakes on does not pass on conviction left over from stakes withdrawn.
    /// </summary>
    public static bool Passes(BigInteger y, Amount staked, Amount requested, Amount treasury, Amount totalStaked, DafParams p)
    {
        if (staked.IsZero || !CanPass(requested, treasury, p)) return false;
        Parts(requested, treasury, totalStaked, p, out var left, out var right);
        return y * left >= right;
    }

    /// <summary>τ rounded up (y passes iff y ≥ it, with stake on the grant), or null when r ≥ β·R.</summary>
    public static BigInteger? Threshold(Amount requested, Amount treasury, Amount totalStaked, DafParams p)
    {
        if (!CanPass(requested, treasury, p)) return null;
        Parts(requested, treasury, totalStaked, p, out var left, out var right);
        return (right + left - 1) / left;
    }

    /// <summary>
    /// The fewest blocks n in 1..<paramref name="maxSteps"/> after which conviction from <paramref name="y0"/> with stake
    /// <paramref name="x"/> passes with S and R as they are now, or null when none does. Binary search over the closed form:
    /// O(log² maxSteps) multiplications, never a walk over blocks.
    /// </summary>
    public static ulong? FirstPassingStep(BigInteger y0, Amount x, Amount requested, Amount treasury, Amount totalStaked, DafParams p, ulong maxSteps)
    {
        if (maxSteps == 0 || x.IsZero || !CanPass(requested, treasury, p)) return null;
        Parts(requested, treasury, totalStaked, p, out var left, out var right);
        bool PassesAfter(ulong n) => Conviction.After(y0, x.Value, n, p.ConvictionDecayNum, p.ConvictionDecayDen) * left >= right;
        if (!PassesAfter(maxSteps)) return null;
        // Conviction moves monotonically towards its limit, so the passing steps form a suffix of 1..maxSteps.
        ulong low = 1, high = maxSteps;
        while (low < high)
        {
            ulong mid = low + (high - low) / 2;
            if (PassesAfter(mid)) high = mid;
            else low = mid + 1;
        }
        return low;
    }

    /// <summary>y passes iff y·left ≥ right, with left = (den−num)·(β_bps·R − 10⁴·r)²·10⁶ and right = ρ_ppm·S·den·(10⁴·R)².</summary>
    private static void Parts(Amount requested, Amount treasury, Amount totalStaked, DafParams p, out BigInteger left, out BigInteger right)
    {
        Conviction.CheckDecay(p.ConvictionDecayNum, p.ConvictionDecayDen);
        BigInteger r = requested.Value, big = treasury.Value;
        var margin = p.GrantMaxRatioBps * big - Bps * r;
        left = (p.ConvictionDecayDen - (BigInteger)p.ConvictionDecayNum) * margin * margin * Ppm;
        var scaledTreasury = Bps * big;
        right = p.GrantWeightPpm * (BigInteger)totalStaked.Value * p.ConvictionDecayDen * scaledTreasury * scaledTreasury;
    }
}
