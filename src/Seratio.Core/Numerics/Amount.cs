using System.Globalization;

namespace Seratio.Core.Numerics;

/// <summary>
/// A non-negative amount of base units of an asset (for SER, 10^-<see cref="Ser.Decimals"/> SER).
/// Arithmetic is checked: overflow and underflow throw, because either would be a bug in a
/// caller that should have compared first. On the wire an amount is its canonical decimal
/// string ("0", or digits without a leading zero). Immutable and thread safe.
/// </summary>
public readonly struct Amount : IEquatable<Amount>, IComparable<Amount>
{
    public static readonly Amount Zero = default;
    public static readonly Amount MaxValue = new(UInt128.MaxValue);

    public Amount(UInt128 value) => Value = value;

    public UInt128 Value { get; }
    public bool IsZero => Value == UInt128.Zero;

    public static Amount operator +(Amount a, Amount b) => new(checked(a.Value + b.Value));
    public static Amount operator -(Amount a, Amount b) => new(checked(a.Value - b.Value));
    public static bool operator ==(Amount a, Amount b) => a.Value == b.Value;
    public static bool operator !=(Amount a, Amount b) => a.Value != b.Value;
    public static bool operator <(Amount a, Amount b) => a.Value < b.Value;
    public static bool operator >(Amount a, Amount b) => a.Value > b.Value;
    public static bool operator <=(Amount a, Amount b) => a.Value <= b.Value;
    public static bool operator >=(Amount a, Amount b) => a.Value >= b.Value;
    public static implicit operator Amount(ulong value) => new(value);

    public bool TryAdd(Amount other, out Amount sum)
    {
        UInt128 s = Value + other.Value;
        sum = new Amount(s);
        return s >= Value;
    }

    /// <summary>Parses a canonical decimal string of base units; anything else is refused with a reason.</summary>
    public static bool TryParse(string? text, out Amount amount, out string error)
    {
        amount = Zero;
        error = "";
        if (string.IsNullOrEmpty(text)) { error = "amount is empty"; return false; }
        foreach (char c in text)
            if (c is < '0' or > '9') { error = $"amount '{Truncate(text)}' must be a whole number of base units (digits only)"; return false; }
        if (text.Length > 39) { error = $"amount '{Truncate(text)}' exceeds 2^128-1 base units"; return false; }
        if (text.Length > 1 && text[0] == '0') { error = $"amount '{text}' has a leading zero"; return false; }
        if (!UInt128.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        { error = $"amount '{text}' exceeds 2^128-1 base units"; return false; }
        amount = new Amount(value);
        return true;
    }

    public static Amount Parse(string text) =>
        TryParse(text, out var amount, out var error) ? amount : throw new FormatException(error);

    /// <summary>
    /// Parses a human amount: "&lt;decimal&gt;&lt;symbol&gt;" (symbol matched case-insensitively, optional
    /// space, at most <paramref name="decimals"/> fraction digits) means whole units, e.g. "10SER" or
    /// "0.5 SER"; digits alone mean base units in canonical form (see <see cref="TryParse"/>). No
    /// signs, exponents, thousands separators or sub-unit prefixes ("250uSER" is refused).
    /// </summary>
    public static bool TryParseDisplay(string? text, int decimals, string symbol, out Amount amount, out string error)
    {
        amount = Zero;
        error = "";
        text = text?.Trim() ?? "";
        if (text.EndsWith(symbol, StringComparison.OrdinalIgnoreCase))
        {
            var number = text[..^symbol.Length].Trim();
            var parts = number.Split('.');
            if (parts.Length > 2 || parts[0].Length == 0 || parts.Any(p => p.Any(c => c is < '0' or > '9')))
            { error = $"'{text}' is not a decimal amount of {symbol}"; return false; }
            var fraction = parts.Length == 2 ? parts[1] : "";
            if (fraction.Length > decimals) { error = $"{symbol} has {decimals} decimals; '{text}' has more"; return false; }
            var digits = (parts[0] + fraction.PadRight(decimals, '0')).TrimStart('0');
            return TryParse(digits.Length == 0 ? "0" : digits, out amount, out error);
        }
        return TryParse(text, out amount, out error);
    }

    /// <summary>Formats with a decimal point, e.g. 1500000 with 6 decimals gives "1.5".</summary>
    public string ToDisplay(int decimals)
    {
        var s = Value.ToString(CultureInfo.InvariantCulture).PadLeft(decimals + 1, '0');
        var whole = s[..^decimals];
        var fraction = s[^decimals..].TrimEnd('0');
        return fraction.Length == 0 ? whole : whole + "." + fraction;
    }

    public bool Equals(Amount other) => Value == other.Value;
    public override bool Equals(object? obj) => obj is Amount other && Equals(other);
    public override int GetHashCode() => Value.GetHashCode();
    public int CompareTo(Amount other) => Value.CompareTo(other.Value);
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);

    private static string Truncate(string text) => text.Length <= 48 ? text : text[..48] + "…";
}

/// <summary>Facts about SER, the native coin.</summary>
public static class Ser
{
    public const string Symbol = "SER";
    public const int Decimals = 6;
    public static Amount Whole(ulong ser) => new((UInt128)ser * 1_000_000);
}
