using System.Globalization;
using Google.Protobuf;
using Seratio.Core.Numerics;

namespace Seratio.Portal.Pages.Shared;

/// <summary>How every page writes amounts, hashes, addresses and times, so they read the same everywhere. Stateless.</summary>
public static class Format
{
    /// <summary>SER base units as "12.5 SER"; the raw text when it is not a canonical amount.</summary>
    public static string Ser(string baseUnits) =>
        Amount.TryParse(baseUnits, out var amount, out _) ? $"{amount.ToDisplay(Core.Numerics.Ser.Decimals)} {Core.Numerics.Ser.Symbol}" : baseUnits;

    public static string Hex(ByteString bytes) => Convert.ToHexStringLower(bytes.Span);

    /// <summary>The first and last few hex digits, for tables: "3fa2…91c0"; the whole hash goes in a title or link.</summary>
    public static string Short(ByteString bytes) => bytes.Length <= 8 ? Hex(bytes) : $"{Convert.ToHexStringLower(bytes.Span[..4])}…{Convert.ToHexStringLower(bytes.Span[^4..])}";

    /// <summary>A bech32 address shortened for tables: "ser1k62l…jmcqrt".</summary>
    public static string ShortAddress(string address) => address.Length <= 18 ? address : $"{address[..8]}…{address[^6..]}";

    /// <summary>The address encoded in a 20-byte field, or its hex when it is not 20 bytes.</summary>
    public static string Address(ByteString bytes) =>
        bytes.Length == Core.Addressing.Address.Size ? new Core.Addressing.Address(bytes.Span).ToString() : Hex(bytes);

    /// <summary>Unix milliseconds as "2026-12-04 05:20:11 UTC"; "—" for 0.</summary>
    public static string Time(long unixMs) => unixMs == 0 ? "—" :
        DateTimeOffset.FromUnixTimeMilliseconds(unixMs).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    public static string Number(ulong n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
