using System.Globalization;
using System.Numerics;

namespace Seratio.Client.Governance;

/// <summary>
/// Shares of a total and basis points as people read them ("33.33 %"), by integer arithmetic rounded down, so a tally
/// reads the same in the CLI (<c>seratio daf show</c>) and on the portal's proposal page. Pure; thread safe.
/// </summary>
public static class Shares
{
    /// <summary>A share of a total as a percentage with two decimals, rounded down ("33.33 %"); "-" when the total is 0.</summary>
    public static string Percent(ulong part, ulong total)
    {
        if (total == 0) return "-";
        var hundredths = (BigInteger)part * 10_000 / total;
        return string.Create(CultureInfo.InvariantCulture, $"{hundredths / 100}.{hundredths % 100:00} %");
    }

    /// <summary>Basis points as a percentage ("33.40 %").</summary>
    public static string Bps(uint bps) => string.Create(CultureInfo.InvariantCulture, $"{bps / 100}.{bps % 100:00} %");

    /// <summary>A part of a total in hundredths of a percent (0..10000 when part ≤ total), rounded down; 0 when the total is 0.</summary>
    public static ulong Hundredths(ulong part, ulong total) => total == 0 ? 0 : (ulong)((BigInteger)part * 10_000 / total);
}
