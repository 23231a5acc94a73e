using Google.Protobuf;
using Seratio.Protocol;
using Seratio.Vm.Modules.Certificates;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Microshares;

/// <summary>
/// Whether a certificate is revoked, read on the spend path without decoding the whole certificate:
/// the stored <see cref="CertificateState"/> is scanned for field 23 (<c>revoked</c>) and every other
/// field skipped, so a movable lot costs one state read and no string allocations; only a revoked
/// certificate is decoded, to say why. Stateless; thread safe.
/// </summary>
internal static class Revocations
{
    private const int RevokedField = 23;

    /// <summary>"certificate N revoked at height H: reason" when revoked, else null.</summary>
    public static string? FrozenReason(IStateView state, ulong certificateId)
    {
        var bytes = state.Get(CertificateKeys.Certificate(certificateId))
            ?? throw new InvalidDataException($"a lot rests on certificate {certificateId}, which state does not hold");
        if (!IsRevoked(bytes)) return null;
        return LotStatuses.FrozenReason(Certificates.Certificates.Decode(bytes)!);
    }

    /// <summary>Field 23 of an encoded certificate (false when absent, as proto3 omits false).</summary>
    public static bool IsRevoked(byte[] encoded)
    {
        try
        {
            var input = new CodedInputStream(encoded);
            uint tag;
            bool revoked = false;
            while ((tag = input.ReadTag()) != 0)
            {
                if (WireFormat.GetTagFieldNumber(tag) == RevokedField && WireFormat.GetTagWireType(tag) == WireFormat.WireType.Varint)
                    revoked = input.ReadBool();
                else
                    input.SkipLastField();
            }
            return revoked;
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new InvalidDataException("state holds a certificate value that is not a seratio.v1.CertificateState", ex);
        }
    }
}
