using Google.Protobuf;
using Seratio.Core.Numerics;

namespace Seratio.Cli.Cli;

/// <summary>Culture-free formatting of chain values for text output. Pure.</summary>
internal static class Display
{
    /// <summary>"1.5 SER (1500000)": whole SER and the exact base units.</summary>
    public static string Ser(string baseUnits) =>
        Amount.TryParse(baseUnits, out var amount, out _)
            ? $"{amount.ToDisplay(Core.Numerics.Ser.Decimals)} {Core.Numerics.Ser.Symbol} ({baseUnits})"
            : $"{baseUnits} (not a canonical amount)";

    public static string Hex(ByteString bytes) => Convert.ToHexStringLower(bytes.Span);

    /// <summary>Hex for text output, "(none)" when empty.</summary>
    public static string HexText(ByteString bytes) => bytes.IsEmpty ? "(none)" : Hex(bytes);

    /// <summary>The address encoded in a 20-byte field, or its hex when it is not 20 bytes.</summary>
    public static string Address(ByteString bytes) =>
        bytes.Length == Core.Addressing.Address.Size ? new Core.Addressing.Address(bytes.Span).ToString() : Hex(bytes);

    /// <summary>Unix milliseconds as ISO-8601 UTC.</summary>
    public static string Time(long unixMs) => unixMs == 0 ? "(none)" :
        DateTimeOffset.FromUnixTimeMilliseconds(unixMs).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
