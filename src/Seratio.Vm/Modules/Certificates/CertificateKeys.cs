using Seratio.Core.Addressing;
using Seratio.Core.Crypto;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Certificates;

/// <summary>The state keys of the certificates module (methods, certificates, their indexes). Stateless; thread safe.</summary>
public static class CertificateKeys
{
    /// <summary>The prefixes this module may take.</summary>
    public static readonly PrefixRange Range = new(0x40, 0x4F);

    /// <summary>A <c>MethodState</c> (key: id length, id ASCII, version 4 bytes big-endian).</summary>
    public const byte MethodPrefix = 0x40;

    /// <summary>The latest version of a method id (key: id ASCII; value 4 bytes big-endian).</summary>
    public const byte MethodLatestPrefix = 0x41;

    /// <summary>A <c>CertificateState</c> (key: id, 8 bytes big-endian).</summary>
    public const byte CertificatePrefix = 0x42;

    /// <summary>The last id handed out (one fixed key, 8 bytes big-endian).</summary>
    public const byte CounterPrefix = 0x43;

    /// <summary>A <c>CertificateIdBucket</c> of a subject's index (key: entity id 8 bytes, bucket 4 bytes, big-endian).</summary>
    public const byte BySubjectPrefix = 0x44;

    /// <summary>How many ids a subject's index holds (key: entity id 8 bytes; value 8 bytes big-endian).</summary>
    public const byte BySubjectCountPrefix = 0x45;

    /// <summary>A <c>CertificateIdBucket</c> of an issuer's index (key: address, bucket 4 bytes big-endian).</summary>
    public const byte ByIssuerPrefix = 0x46;

    /// <summary>How many ids an issuer's index holds (key: address; value 8 bytes big-endian).</summary>
    public const byte ByIssuerCountPrefix = 0x47;

    /// <summary>The key of version <paramref name="version"/> of method <paramref name="id"/> (ASCII, at most 255 chars).</summary>
    public static Hash32 Method(string id, uint version)
    {
        StateKey.CheckText(id, "method id");
        return new StateKey.Builder(MethodPrefix, stackalloc byte[2 + id.Length + sizeof(uint)])
            .LengthAndAscii(id, "method id").UInt32(version).Build();
    }

    /// <summary>The key of the latest version number of method <paramref name="id"/> (ASCII, at most 255 chars).</summary>
    public static Hash32 MethodLatest(string id) => StateKey.Text(MethodLatestPrefix, id, "method id");

    public static Hash32 Certificate(ulong id) => StateKey.Id(CertificatePrefix, id);

    public static Hash32 Counter() => StateKey.Fixed(CounterPrefix);

    public static Hash32 BySubject(ulong subject, uint bucket) =>
        new StateKey.Builder(BySubjectPrefix, stackalloc byte[1 + sizeof(ulong) + sizeof(uint)]).UInt64(subject).UInt32(bucket).Build();

    public static Hash32 BySubjectCount(ulong subject) => StateKey.Id(BySubjectCountPrefix, subject);

    public static Hash32 ByIssuer(Address issuer, uint bucket) =>
        new StateKey.Builder(ByIssuerPrefix, stackalloc byte[1 + Address.Size + sizeof(uint)]).Address(issuer).UInt32(bucket).Build();

    public static Hash32 ByIssuerCount(Address issuer) => StateKey.Address(ByIssuerCountPrefix, issuer);
}
