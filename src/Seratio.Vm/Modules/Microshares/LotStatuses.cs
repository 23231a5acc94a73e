using System.Globalization;
using Seratio.Protocol;
using Seratio.Vm.Modules.Certificates;

namespace Seratio.Vm.Modules.Microshares;

/// <summary>
/// Whether a lot's units may move: a lot is frozen exactly when the certificate behind it is revoked.
/// Derived at each read (one certificate read, O(1)), never written: a revocation costs nothing here
/// and cannot be missed. Expiry and supersession do not freeze (units minted while the certificate was
/// active keep the values it certified; docs/modules/microshares.md). Stateless; thread safe.
/// </summary>
public static class LotStatuses
{
    /// <summary>The status of a lot resting on <paramref name="certificate"/> (null = missing: a broken invariant).</summary>
    public static LotStatus Of(ulong certificateId, CertificateState? certificate, long blockTimeUnixMs)
    {
        if (certificate is null) throw new InvalidDataException($"a lot rests on certificate {certificateId}, which state does not hold");
        var status = new LotStatus { CertificateStatus = Certificates.Certificates.StatusAt(certificate, blockTimeUnixMs) };
        if (certificate.Revoked)
        {
            status.Frozen = true;
            status.Reason = FrozenReason(certificate);
        }
        return status;
    }

    /// <summary>"certificate N revoked at height H: reason".</summary>
    public static string FrozenReason(CertificateState certificate) =>
        string.Create(CultureInfo.InvariantCulture, $"certificate {certificate.Id} revoked at height {certificate.RevokedHeight}: {certificate.RevocationReason}");
}
