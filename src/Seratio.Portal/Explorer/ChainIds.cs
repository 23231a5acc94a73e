using System.Globalization;
using Seratio.Core.Addressing;

namespace Seratio.Portal.Explorer;

/// <summary>How the explorer reads what a visitor typed: heights, 32-byte hashes in hex, addresses. Stateless.</summary>
public static class ChainIds
{
    /// <summary>The longest text the explorer reads from a path or a search box; longer is refused before any call.</summary>
    public const int MaxInputChars = 128;

    public static bool IsHeight(string text, out ulong height) =>
        ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out height);

    /// <summary>64 hex digits (an optional 0x prefix), as a 32-byte hash.</summary>
    public static bool IsHash(string text, out byte[] hash)
    {
        hash = [];
        var hex = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
        if (hex.Length != 64 || !hex.All(Uri.IsHexDigit)) return false;
        hash = Convert.FromHexString(hex);
        return true;
    }

    public static bool IsAddress(string text) => Address.TryParse(text, out _, out _);
}
