using System.Globalization;
using Seratio.Cli.Cli;
using Seratio.Client.Proofs;
using Seratio.Vm.Modules.Certificates;

namespace Seratio.Cli.Modules;

/// <summary>A <see cref="CertificateJson"/> as the CLI's text output shows it. Pure.</summary>
internal static class CertificateText
{
    /// <summary>Aligned text lines of the certificate.</summary>
    public static IEnumerable<(string, string)> Fields(this CertificateJson c) =>
    [
        ("id", c.Id.ToString(CultureInfo.InvariantCulture)),
        ("subject", $"entity {c.Subject}"),
        ("issuer", c.Issuer),
        ("period", $"{Display.Time(c.PeriodStartUnixMs)} .. {Display.Time(c.PeriodEndUnixMs)}"),
        ("social value", $"{Scaled(c, c.SocialValue)} {c.SocialUnit}"),
        ("financial value", $"{Scaled(c, c.FinancialValue)} {c.Currency}"),
        ("S/E ratio", $"{c.RatioDecimal} (stored {c.Ratio} = ratio x 10^{SeRatio.Decimals}, rounded down)"),
        ("method", $"{c.Method} v{c.MethodVersion}"),
        ("evidence", $"{c.EvidenceUri} (sha256 {c.EvidenceHash})"),
        ("labels", c.Labels.Count == 0 ? "(none)" : string.Join(", ", c.Labels)),
        ("valid until", Display.Time(c.ValidUntilUnixMs)),
        ("issued at", c.IssuedHeight.ToString(CultureInfo.InvariantCulture)),
        ("supersedes", c.Supersedes == 0 ? "(none)" : c.Supersedes.ToString(CultureInfo.InvariantCulture)),
        ("superseded by", c.SupersededBy == 0 ? "(none)" : c.SupersededBy.ToString(CultureInfo.InvariantCulture)),
        ("revoked", c.Revoked ? $"at height {c.RevokedHeight} by {c.RevokedBy}: {c.RevocationReason}" : "no"),
    ];

    private static string Scaled(CertificateJson c, string baseUnits) =>
        Core.Numerics.Amount.TryParse(baseUnits, out var amount, out _) ? amount.ToDisplay((int)Math.Min(c.Scale, 18)) : baseUnits;
}
