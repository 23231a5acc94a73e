using System.Numerics;

namespace Seratio.Vm.Modules.Grants;

/// <summary>
/// The fixed-point conviction recurrence y(t+1) = a·y(t) + x with a = num/den (docs/modules/grants.md, "Conviction"):
/// aⁿ in Q64 by square-and-multiply, flooring after every product, and the closed form
/// yₙ = ⌊(A·y₀·(den−num) + x·(2⁶⁴−A)·den) / (2⁶⁴·(den−num))⌋ with A = ⌊aⁿ·2⁶⁴⌋ so computed. Every rounding is down,
/// so the result is a pure function of its integers on every node; it lies within
/// <see cref="ErrorBound"/> of the exact rational value. Pure; thread safe.
/// </summary>
public static class Conviction
{
    /// <summary>The fixed-point scale of aⁿ: 2⁶⁴.</summary>
    public static readonly BigInteger One = BigInteger.One << 64;

    /// <summary>⌊aⁿ·2⁶⁴⌋ as computed on chain: the base ⌊num·2⁶⁴/den⌋ raised by square-and-multiply, each product floored.</summary>
    public static BigInteger DecayPower(ulong num, ulong den, ulong n)
    {
        CheckDecay(num, den);
        BigInteger result = One;
        BigInteger square = (new BigInteger(num) << 64) / den;
        while (true)
        {
            if ((n & 1) != 0) result = (result * square) >> 64;
            n >>= 1;
            if (n == 0) return result;
            square = (square * square) >> 64;
            // A set bit remains, and it would multiply by 0.
            if (square.IsZero) return BigInteger.Zero;
        }
    }

    /// <summary>The conviction <paramref name="n"/> blocks after <paramref name="y0"/> with the stake <paramref name="x"/> held throughout.</summary>
    public static BigInteger After(BigInteger y0, BigInteger x, ulong n, ulong num, ulong den)
    {
        if (y0.Sign < 0 || x.Sign < 0) throw new ArgumentOutOfRangeException(nameof(y0), "conviction and stake are never negative");
        if (n == 0) return y0;
        var a = DecayPower(num, den, n);
        BigInteger d = den - num;
        return (a * y0 * d + x * (One - a) * den) / (One * d);
    }

    /// <summary>The level conviction converges to with the stake <paramref name="x"/>: ⌊x / (1 − a)⌋ = ⌊x·den / (den − num)⌋.</summary>
    public static BigInteger Limit(BigInteger x, ulong num, ulong den)
    {
        CheckDecay(num, den);
        return x * den / (den - num);
    }

    /// <summary>
    /// The bound on |<see cref="After"/> − exact| for the same y₀, x and n: 1 + ⌈2n·|y₀ − x/(1−a)| / 2⁶⁴⌉ (the final floor
    /// costs less than 1; A as computed lies below aⁿ·2⁶⁴ by less than 2n: the base's floor costs under 1 per factor, n in
    /// all, and each floored product under 1, doubled by every later squaring, under n − 1 in all).
    /// </summary>
    public static BigInteger ErrorBound(BigInteger y0, BigInteger x, ulong n, ulong num, ulong den)
    {
        if (n == 0) return BigInteger.Zero;
        BigInteger d = den - num;
        // |y0 − x·den/d| ≤ (|y0·d − x·den| + d − 1) / d, rounded up.
        var gap = BigInteger.Abs(y0 * d - x * den);
        var spread = (gap + d - 1) / d;
        BigInteger steps = 2 * new BigInteger(n);
        return 1 + (steps * spread + One - 1) / One;
    }

    /// <summary>A decay a = num/den must lie strictly between 0 and 1 (the parameters' validation guarantees it).</summary>
    public static void CheckDecay(ulong num, ulong den)
    {
        if (num == 0 || num >= den)
            throw new InvalidOperationException($"the conviction decay {num}/{den} is not between 0 and 1; DafParams validation must refuse it");
    }
}
