using System.Globalization;
using Seratio.Core.Numerics;
using Seratio.Protocol;

namespace Seratio.Portal.Certificates;

/// <summary>How the certificate pages write certificate values. Pure.</summary>
public static class CertText
{
    public static string Status(CertificateStatus status) => Vm.Modules.Certificates.Certificates.StatusName(status) switch { "any" => "unknown", var s => s };

    /// <summary>The badge class of a status: good for active, bad for revoked, warn otherwise (the word is always shown too).</summary>
    public static string StatusClass(CertificateStatus status) => status switch
    {
        CertificateStatus.Active => "good",
        CertificateStatus.Revoked => "bad",
        _ => "warn",
    };

    /// <summary>A base-unit value with the certificate's scale: "300" at scale 0, "2.50" for 250 at scale 2.</summary>
    public static string Scaled(string baseUnits, uint scale) =>
        Amount.TryParse(baseUnits, out var amount, out _) ? amount.ToDisplay((int)Math.Min(scale, 18)) : baseUnits;

    public static string Ratio(string stored) => Vm.Modules.Certificates.SeRatio.Format(stored);

    public static string Kind(EntityKind kind) => kind switch
    {
        EntityKind.Organisation => "organisation",
        EntityKind.Product => "product",
        EntityKind.Project => "project",
        EntityKind.Process => "process",
        EntityKind.Person => "person",
        _ => "unspecified",
    };

    public static string Event(ProvenanceEventKind kind) =>
        kind == ProvenanceEventKind.Unspecified ? "unspecified" : kind.ToString().ToLowerInvariant();

    public static string N(ulong n) => n.ToString(CultureInfo.InvariantCulture);
}
