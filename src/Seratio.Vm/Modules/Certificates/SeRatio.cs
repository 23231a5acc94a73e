using System.Globalization;
using System.Numerics;
using Seratio.Core.Numerics;

namespace Seratio.Vm.Modules.Certificates;

/// <summary>
/// The S/E ratio (social value / financial value) in fixed point: the integer
/// floor(social * 10^<see cref="Decimals"/> / financial), i.e. 18 decimals rounded toward zero
/// (both values are non-negative, so toward zero is floor). Both values share one scale, which
/// cancels. Exact for every pair of amounts (up to 2^128-1 each): the product is computed in
/// <see cref="BigInteger"/>, so nothing overflows and the result needs at most 57 digits.
/// A zero financial value has no ratio and is refused before this is called. Pure; thread safe.
/// </summary>
public static class SeRatio
{
    /// <summary>Decimal places of the stored ratio.</summary>
    public const int Decimals = 18;

    /// <summary>10^<see cref="Decimals"/>: the stored integer of a ratio of exactly 1.</summary>
    public static readonly BigInteger One = BigInteger.Pow(10, Decimals);

    /// <summary>floor(<paramref name="social"/> * 10^18 / <paramref name="financial"/>).</summary>
    /// <exception cref="ArgumentException">when <paramref name="financial"/> is zero (a caller bug: the rules refuse it first).</exception>
    public static BigInteger Compute(Amount social, Amount financial)
    {
        if (financial.IsZero) throw new ArgumentException("the financial value is zero: the S/E ratio is undefined", nameof(financial));
        return (BigInteger)social.Value * One / (BigInteger)financial.Value;
    }

    /// <summary>The stored (state and event) text of the ratio: the scaled integer in decimal digits.</summary>
    public static string ToStored(BigInteger scaled) => scaled.ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses a stored ratio; false when the text is not a canonical non-negative integer.</summary>
    public static bool TryParseStored(string? text, out BigInteger scaled)
    {
        scaled = BigInteger.Zero;
        if (string.IsNullOrEmpty(text) || text.Length > 80 || (text.Length > 1 && text[0] == '0')) return false;
        foreach (char c in text)
            if (!char.IsAsciiDigit(c)) return false;
        scaled = BigInteger.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>A stored ratio as a decimal with its 18 places, trailing zeros trimmed: "2.5", "0.333333333333333333", "7".</summary>
    public static string Format(BigInteger scaled)
    {
        if (scaled.Sign < 0) throw new ArgumentOutOfRangeException(nameof(scaled), "a ratio is never negative");
        var whole = BigInteger.DivRem(scaled, One, out var fraction);
        if (fraction.IsZero) return whole.ToString(CultureInfo.InvariantCulture);
        var digits = fraction.ToString(CultureInfo.InvariantCulture).PadLeft(Decimals, '0').TrimEnd('0');
        return whole.ToString(CultureInfo.InvariantCulture) + "." + digits;
    }

    /// <summary><see cref="Format(BigInteger)"/> of a stored text; the text itself when it does not parse.</summary>
    public static string Format(string stored) => TryParseStored(stored, out var scaled) ? Format(scaled) : stored;
}
