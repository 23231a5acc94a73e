using System.Buffers.Binary;
using Google.Protobuf;
using Seratio.Core.Addressing;
using Seratio.Core.Crypto;
using Seratio.Core.State;
using Seratio.Protocol;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Certificates;

/// <summary>
/// The certificate ids of one subject or one issuer, in issue order, kept in state as buckets of
/// <see cref="BucketSize"/> ids (<see cref="CertificateIdBucket"/>) plus a count: position p lives in
/// bucket p / 128. Appending rewrites one bucket of at most 128 ids and the count, so an index has
/// no cap and an issuance costs the same for the first certificate and the millionth. Readers page
/// by position. Ids never leave an index (revoked and superseded certificates stay listed).
/// Stateless; thread safe.
/// </summary>
public static class CertificateIndex
{
    public const int BucketSize = 128;

    /// <summary>Which index: by subject entity or by issuer address.</summary>
    public readonly record struct Owner(ulong Subject, Address? Issuer)
    {
        public static Owner OfSubject(ulong subject) => new(subject, null);
        public static Owner OfIssuer(Address issuer) => new(0, issuer);

        internal Hash32 CountKey => Issuer is { } issuer ? CertificateKeys.ByIssuerCount(issuer) : CertificateKeys.BySubjectCount(Subject);

        internal Hash32 BucketKey(uint bucket) =>
            Issuer is { } issuer ? CertificateKeys.ByIssuer(issuer, bucket) : CertificateKeys.BySubject(Subject, bucket);
    }

    /// <summary>How many ids the index holds.</summary>
    public static ulong Count(IStateReader state, Owner owner) => DecodeCount(state.Get(owner.CountKey));

    /// <inheritdoc cref="Count(IStateReader, Owner)"/>
    public static ulong Count(IStateView state, Owner owner) => DecodeCount(state.Get(owner.CountKey));

    /// <summary>Up to <paramref name="max"/> ids from position <paramref name="from"/> (0-based), in issue order.</summary>
    public static List<ulong> Read(IStateReader state, Owner owner, ulong from, int max)
    {
        ArgumentNullException.ThrowIfNull(state);
        ulong count = Count(state, owner);
        var ids = new List<ulong>(Math.Min(max, BucketSize));
        while (ids.Count < max && from < count)
        {
            uint bucket = checked((uint)(from / BucketSize));
            var bucketIds = DecodeBucket(state.Get(owner.BucketKey(bucket)));
            ulong expected = Math.Min(BucketSize, count - (ulong)bucket * BucketSize);
            if ((ulong)bucketIds.Count != expected)
                throw new InvalidDataException($"certificate index bucket {bucket} holds {bucketIds.Count} ids, not the {expected} its count of {count} implies");
            for (int i = (int)(from % BucketSize); i < bucketIds.Count && ids.Count < max; i++, from++)
                ids.Add(bucketIds[i]);
        }
        return ids;
    }

    internal static void Append(IStateView state, Owner owner, ulong id)
    {
        ulong count = Count(state, owner);
        uint bucket = checked((uint)(count / BucketSize));
        var key = owner.BucketKey(bucket);
        var ids = count % BucketSize == 0 ? new CertificateIdBucket() : DecodeBucketMessage(state.Get(key));
        ids.Ids.Add(id);
        state.Set(key, ids.ToByteArray());
        var value = new byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64BigEndian(value, count + 1);
        state.Set(owner.CountKey, value);
    }

    private static ulong DecodeCount(byte[]? value)
    {
        if (value is null) return 0;
        if (value.Length != sizeof(ulong)) throw new InvalidDataException("state holds a certificate index count that is not 8 bytes");
        return BinaryPrimitives.ReadUInt64BigEndian(value);
    }

    private static IReadOnlyList<ulong> DecodeBucket(byte[]? bytes) => DecodeBucketMessage(bytes).Ids;

    private static CertificateIdBucket DecodeBucketMessage(byte[]? bytes)
    {
        if (bytes is null) return new CertificateIdBucket();
        try
        {
            return CertificateIdBucket.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new InvalidDataException("state holds a certificate index bucket that is not a seratio.v1.CertificateIdBucket", ex);
        }
    }
}
