using System.Numerics;

namespace Seratio.Client.Charts;

/// <summary>
/// Maps a value range onto whole pixels for the portal's SVG pictures (depth charts, conviction curves), by exact integer
/// arithmetic rounded down, so a picture is a pure function of the chain's numbers: no floating point. Immutable.
/// </summary>
public readonly record struct LinearScale
{
    public LinearScale(BigInteger min, BigInteger max, int pixels)
    {
        if (max < min) throw new ArgumentException($"the range {min}..{max} is empty", nameof(max));
        ArgumentOutOfRangeException.ThrowIfNegative(pixels);
        Min = min;
        Max = max;
        Pixels = pixels;
    }

    public BigInteger Min { get; }
    public BigInteger Max { get; }
    public int Pixels { get; }

    /// <summary>⌊(v − min)·pixels / (max − min)⌋, clamped to 0..pixels; the middle pixel when the range is one value.</summary>
    public int Map(BigInteger value)
    {
        if (Max == Min) return Pixels / 2;
        if (value <= Min) return 0;
        if (value >= Max) return Pixels;
        return (int)((value - Min) * Pixels / (Max - Min));
    }
}
