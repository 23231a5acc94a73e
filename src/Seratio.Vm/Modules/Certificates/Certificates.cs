using System.Buffers.Binary;
using Google.Protobuf;
using Seratio.Core.State;
using Seratio.Protocol;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Certificates;

/// <summary>
/// Reads and writes certificates (<see cref="CertificateState"/> under <see cref="CertificateKeys.Certificate"/>)
/// and the id counter, and derives a certificate's status at a block time. Ids are 1, 2, 3, ...: the
/// counter under <see cref="CertificateKeys.Counter"/> holds the last id handed out. The helpers
/// other modules call (microshares rest on certificates) are <see cref="Get(IStateView, ulong)"/>,
/// <see cref="StatusAt"/>, <see cref="IsActiveAt"/>, <see cref="IsRevoked"/> and <see cref="IsExpiredAt"/>:
/// inside a block pass <c>context.Block.TimeUnixMs</c>, in a query the time of the block whose state
/// is read. A stored value that does not decode is a broken state invariant and throws. Stateless; thread safe.
/// </summary>
public static class Certificates
{
    /// <summary>The certificate with <paramref name="id"/>, or null when none has it.</summary>
    public static CertificateState? Get(IStateView state, ulong id)
    {
        ArgumentNullException.ThrowIfNull(state);
        return Decode(state.Get(CertificateKeys.Certificate(id)));
    }

    /// <inheritdoc cref="Get(IStateView, ulong)"/>
    public static CertificateState? Get(IStateReader state, ulong id)
    {
        ArgumentNullException.ThrowIfNull(state);
        return Decode(state.Get(CertificateKeys.Certificate(id)));
    }

    /// <summary>
    /// The status of <paramref name="certificate"/> (as stored at some height) at block time
    /// <paramref name="blockTimeUnixMs"/> (that height's block time): REVOKED wins, then SUPERSEDED,
    /// then EXPIRED (block time ≥ valid_until), else ACTIVE.
    /// </summary>
    public static CertificateStatus StatusAt(CertificateState certificate, long blockTimeUnixMs)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (certificate.Revoked) return CertificateStatus.Revoked;
        if (certificate.SupersededBy != 0) return CertificateStatus.Superseded;
        return IsExpiredAt(certificate, blockTimeUnixMs) ? CertificateStatus.Expired : CertificateStatus.Active;
    }

    /// <summary>Whether the certificate may be relied on at that block time: neither revoked, superseded nor expired.</summary>
    public static bool IsActiveAt(CertificateState certificate, long blockTimeUnixMs) =>
        StatusAt(certificate, blockTimeUnixMs) == CertificateStatus.Active;

    /// <summary>Whether the certificate was revoked (revocation is final).</summary>
    public static bool IsRevoked(CertificateState certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return certificate.Revoked;
    }

    /// <summary>Whether its validity ran out: block time ≥ valid_until (regardless of revocation).</summary>
    public static bool IsExpiredAt(CertificateState certificate, long blockTimeUnixMs)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return blockTimeUnixMs >= certificate.ValidUntilUnixMs;
    }

    /// <summary>The last id handed out (0 before the first certificate).</summary>
    public static ulong LastId(IStateView state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return DecodeCounter(state.Get(CertificateKeys.Counter()));
    }

    /// <inheritdoc cref="LastId(IStateView)"/>
    public static ulong LastId(IStateReader state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return DecodeCounter(state.Get(CertificateKeys.Counter()));
    }

    private static ulong DecodeCounter(byte[]? value)
    {
        if (value is null) return 0;
        if (value.Length != sizeof(ulong)) throw new InvalidDataException("state holds a certificate counter that is not 8 bytes");
        return BinaryPrimitives.ReadUInt64BigEndian(value);
    }

    internal static void SetLastId(IStateView state, ulong id)
    {
        var value = new byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64BigEndian(value, id);
        state.Set(CertificateKeys.Counter(), value);
    }

    internal static void Put(IStateView state, CertificateState certificate) =>
        state.Set(CertificateKeys.Certificate(certificate.Id), certificate.ToByteArray());

    public static CertificateState? Decode(byte[]? bytes)
    {
        if (bytes is null) return null;
        try
        {
            return CertificateState.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new InvalidDataException("state holds a certificate value that is not a seratio.v1.CertificateState", ex);
        }
    }

    /// <summary>"active", "expired", "revoked", "superseded" (events, logs, the CLI).</summary>
    public static string StatusName(CertificateStatus status) => status switch
    {
        CertificateStatus.Active => "active",
        CertificateStatus.Expired => "expired",
        CertificateStatus.Revoked => "revoked",
        CertificateStatus.Superseded => "superseded",
        _ => "any",
    };

    /// <summary>Parses a name written by <see cref="StatusName"/> ("any" = unspecified).</summary>
    public static bool TryParseStatus(string? text, out CertificateStatus status)
    {
        status = text switch
        {
            "active" => CertificateStatus.Active,
            "expired" => CertificateStatus.Expired,
            "revoked" => CertificateStatus.Revoked,
            "superseded" => CertificateStatus.Superseded,
            _ => CertificateStatus.Unspecified,
        };
        return status != CertificateStatus.Unspecified || text == "any";
    }
}
