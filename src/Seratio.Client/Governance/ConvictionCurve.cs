using System.Globalization;
using System.Numerics;
using System.Text;
using Seratio.Client.Charts;
using Seratio.Vm.Modules.Grants;

namespace Seratio.Client.Governance;

/// <summary>A grant's conviction at a height.</summary>
public readonly record struct ConvictionPoint(ulong Height, BigInteger Conviction);

/// <summary>
/// A grant's conviction over a stretch of blocks in which its stake x stays the same: y(t+1) = a·y(t) + x from
/// y(<see cref="StartHeight"/>) = <see cref="Start"/>, a = num/den (docs/modules/grants.md, "Conviction"). Every value is
/// the VM's own fixed-point closed form (<see cref="Conviction.After"/>), so a point at a height equals what the chain
/// computes for the grant at that height. Immutable; thread safe.
/// </summary>
public sealed record ConvictionCurve(BigInteger Start, BigInteger Stake, ulong StartHeight, ulong DecayNum, ulong DecayDen)
{
    /// <summary>Most points <see cref="Sample"/> returns (the curve of a long stretch is sampled evenly).</summary>
    public const int MaxPoints = 121;

    /// <summary>y at <paramref name="height"/>: the start value at or before the stretch's start, else the closed form over the blocks since.</summary>
    public BigInteger At(ulong height) =>
        height <= StartHeight ? Start : Conviction.After(Start, Stake, height - StartHeight, DecayNum, DecayDen);

    /// <summary>The level conviction approaches while the stake stays: x / (1 − a), rounded down.</summary>
    public BigInteger Limit => Conviction.Limit(Stake, DecayNum, DecayDen);

    /// <summary>
    /// Points from the stretch's start to <paramref name="endHeight"/> inclusive: every height when they are at most
    /// <paramref name="maxPoints"/>, else that many heights spread evenly (start and end always included), ascending.
    /// </summary>
    public IReadOnlyList<ConvictionPoint> Sample(ulong endHeight, int maxPoints = MaxPoints)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(endHeight, StartHeight);
        ulong span = endHeight - StartHeight;
        var points = new List<ConvictionPoint>();
        if (span < (ulong)maxPoints)
        {
            for (ulong h = StartHeight; h <= endHeight; h++) points.Add(new ConvictionPoint(h, At(h)));
            return points;
        }
        int steps = maxPoints - 1;
        for (int i = 0; i <= steps; i++)
        {
            ulong h = StartHeight + (ulong)((BigInteger)span * i / steps);
            points.Add(new ConvictionPoint(h, At(h)));
        }
        return points;
    }

    /// <summary>
    /// The first height from <paramref name="fromHeight"/> on, at most <paramref name="maxBlocks"/> later, at which conviction
    /// reaches <paramref name="threshold"/> with this stake, or null when it does not within them (never, without stake).
    /// Conviction moves monotonically towards its limit, so a binary search over the closed form finds it in
    /// O(log² maxBlocks) multiplications.
    /// </summary>
    public ulong? FirstHeightReaching(BigInteger threshold, ulong fromHeight, ulong maxBlocks)
    {
        if (Stake.IsZero || maxBlocks == 0 || fromHeight < StartHeight) return null;
        if (At(fromHeight + maxBlocks) < threshold) return null;
        ulong low = fromHeight, high = fromHeight + maxBlocks;
        while (low < high)
        {
            ulong mid = low + (high - low) / 2;
            if (At(mid) >= threshold) high = mid;
            else low = mid + 1;
        }
        return low;
    }

    /// <summary>
    /// <paramref name="points"/> (ascending heights) as an SVG polyline within <paramref name="width"/> × <paramref name="height"/>
    /// (origin top left), heights left to right, conviction from 0 at the bottom to <paramref name="top"/>; and the pixel row of
    /// <paramref name="threshold"/> when there is one.
    /// </summary>
    public static ConvictionPlot Plot(IReadOnlyList<ConvictionPoint> points, BigInteger? threshold, BigInteger top, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0) throw new ArgumentException("a curve needs points", nameof(points));
        var x = new LinearScale(points[0].Height, points[^1].Height, width);
        var y = new LinearScale(0, BigInteger.Max(top, 1), height);
        var line = new StringBuilder();
        foreach (var p in points)
        {
            if (line.Length > 0) line.Append(' ');
            line.Append(CultureInfo.InvariantCulture, $"{x.Map(p.Height)},{height - y.Map(p.Conviction)}");
        }
        return new ConvictionPlot(width, height, line.ToString(), threshold is { } t ? height - y.Map(t) : null);
    }

    /// <summary>The pixel column of <paramref name="at"/> on a plot of <paramref name="points"/> that is <paramref name="width"/> wide.</summary>
    public static int Column(IReadOnlyList<ConvictionPoint> points, ulong at, int width)
    {
        ArgumentNullException.ThrowIfNull(points);
        return new LinearScale(points[0].Height, points[^1].Height, width).Map(at);
    }
}

/// <summary>A conviction curve laid out in pixels: the polyline's points and the threshold's row (null: no threshold).</summary>
public sealed record ConvictionPlot(int Width, int Height, string Points, int? ThresholdRow);
