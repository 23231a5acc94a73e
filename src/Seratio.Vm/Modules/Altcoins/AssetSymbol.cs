using Seratio.Core.Numerics;

namespace Seratio.Vm.Modules.Altcoins;

/// <summary>
/// The format of an altcoin symbol: 2-12 characters of [A-Z0-9], the first a letter, never
/// "SER" (the native coin). Upper case only, so symbols compare byte for byte. Pure; thread safe.
/// </summary>
public static class AssetSymbol
{
    public const int MinLength = 2;
    public const int MaxLength = 12;

    public static bool IsValid(string? symbol) => Problem(symbol) is null;

    /// <summary>Why <paramref name="symbol"/> is not a valid altcoin symbol, or null when it is.</summary>
    public static string? Problem(string? symbol)
    {
        if (string.IsNullOrEmpty(symbol)) return "symbol is required: 2-12 upper-case letters or digits, starting with a letter";
        if (symbol == Ser.Symbol) return $"symbol '{Ser.Symbol}' is the native coin; altcoins use another symbol";
        if (symbol.Length is < MinLength or > MaxLength)
            return $"symbol '{Fields.Printable(symbol)}' has {symbol.Length} characters; use {MinLength}-{MaxLength}";
        if (!char.IsAsciiLetterUpper(symbol[0])) return $"symbol '{symbol}' must start with an upper-case letter A-Z";
        foreach (char c in symbol)
            if (!char.IsAsciiLetterUpper(c) && !char.IsAsciiDigit(c))
                return $"symbol '{symbol}' contains '{c}'; use only upper-case letters A-Z and digits 0-9";
        return null;
    }

    internal static MsgResult Check(string symbol) => Problem(symbol) is { } problem ? Fields.Invalid(problem) : MsgResult.Ok;
}
