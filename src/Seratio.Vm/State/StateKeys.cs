using Seratio.Core.Addressing;
using Seratio.Core.Crypto;

namespace Seratio.Vm.State;

/// <summary>
/// The registry of module key prefixes. A state key is SHA-256("seratio/key" || prefix || module key).
/// Every prefix lives here, and a test checks they are unique.
/// </summary>
public static class StateKeys
{
    /// <summary>Assets module: account (nonce and SER balance) → AccountState.</summary>
    public const byte AccountPrefix = 0x01;

    /// <summary>Governance: the authority account (one fixed key, 20-byte address value).</summary>
    public const byte AuthorityPrefix = 0x02;

    // Ranges kept for modules so parallel work does not collide (take a prefix inside yours and list it below):
    // 0x03..0x0F validators and evidence · 0x10..0x1F roles · 0x20..0x2F entities · 0x30..0x3F altcoins
    // 0x40..0x4F certificates · 0x50..0x5F microshares · 0x60..0x6F provenance · 0x70.. exchange, DAF, anchor.

    public static readonly IReadOnlyDictionary<string, byte> Registry = new Dictionary<string, byte>
    {
        ["assets/account"] = AccountPrefix,
        ["gov/authority"] = AuthorityPrefix,
        ["roles/set"] = RolesPrefix,
        ["entities/entity"] = EntityPrefix,
        ["entities/next-id"] = EntityCounterPrefix,
        ["entities/by-controller"] = EntitiesByControllerPrefix,
        ["altcoins/asset"] = AssetPrefix,
        ["altcoins/balance"] = AssetBalancePrefix,
        ["altcoins/allowance"] = AllowancePrefix,
        ["certificates/method"] = MethodPrefix,
        ["certificates/method-latest"] = MethodLatestPrefix,
        ["certificates/certificate"] = CertificatePrefix,
        ["certificates/next-id"] = CertificateCounterPrefix,
        ["certificates/by-subject"] = CertificatesBySubjectPrefix,
        ["certificates/by-subject-count"] = CertificatesBySubjectCountPrefix,
        ["certificates/by-issuer"] = CertificatesByIssuerPrefix,
        ["certificates/by-issuer-count"] = CertificatesByIssuerCountPrefix,
        ["microshares/class"] = MicroshareClassPrefix,
        ["microshares/next-class-id"] = MicroshareClassCounterPrefix,
        ["microshares/class-by-symbol"] = MicroshareSymbolPrefix,
        ["microshares/lot"] = MicroshareLotPrefix,
        ["microshares/next-lot-id"] = MicroshareLotCounterPrefix,
        ["microshares/holding"] = MicroshareHoldingPrefix,
        ["microshares/reserve"] = MicroshareReservePrefix,
    };

    /// <summary>The state key of the authority account.</summary>
    public static Hash32 Authority() => Hashing.Hash(Domains.StateKey, [AuthorityPrefix], []);

    public static Hash32 Account(Address address)
    {
        Span<byte> key = stackalloc byte[1 + Address.Size];
        key[0] = AccountPrefix;
        address.CopyTo(key[1..]);
        // The two-part overload hashes tag || prefix || address in one stack buffer (no hasher object).
        return Hashing.Hash(Domains.StateKey, key[..1], key[1..]);
    }

    /// <summary>Roles: an account's <c>RoleSet</c> (key: 20-byte address).</summary>
    public const byte RolesPrefix = 0x10;

    /// <summary>Entities: an <c>EntityState</c> (key: id, 8 bytes big-endian).</summary>
    public const byte EntityPrefix = 0x20;

    /// <summary>Entities: the last id handed out (one fixed key, 8 bytes big-endian).</summary>
    public const byte EntityCounterPrefix = 0x21;

    /// <summary>Entities: the <c>EntityIdList</c> an address controls (key: 20-byte address).</summary>
    public const byte EntitiesByControllerPrefix = 0x22;

    /// <summary>Altcoins: an <c>AssetState</c> (key: symbol, ASCII).</summary>
    public const byte AssetPrefix = 0x30;

    /// <summary>Altcoins: a balance <c>AssetAmount</c> (key: symbol length, symbol, holder address).</summary>
    public const byte AssetBalancePrefix = 0x31;

    /// <summary>Altcoins: an allowance <c>AssetAmount</c> (key: symbol length, symbol, owner, spender).</summary>
    public const byte AllowancePrefix = 0x32;

    public static Hash32 Roles(Address account) => AddressKey(RolesPrefix, account);

    public static Hash32 Entity(ulong id)
    {
        Span<byte> key = stackalloc byte[1 + sizeof(ulong)];
        key[0] = EntityPrefix;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(key[1..], id);
        return Hashing.Hash(Domains.StateKey, key[..1], key[1..]);
    }

    public static Hash32 EntityCounter() => Hashing.Hash(Domains.StateKey, [EntityCounterPrefix], []);

    public static Hash32 EntitiesByController(Address controller) => AddressKey(EntitiesByControllerPrefix, controller);

    /// <summary>The key of an altcoin; <paramref name="symbol"/> must be a valid symbol (ASCII, at most 255 chars).</summary>
    public static Hash32 Asset(string symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        if (symbol.Length > byte.MaxValue) throw new ArgumentException("symbol is longer than 255 characters", nameof(symbol));
        Span<byte> key = stackalloc byte[1 + symbol.Length];
        key[0] = AssetPrefix;
        System.Text.Encoding.ASCII.GetBytes(symbol, key[1..]);
        return Hashing.Hash(Domains.StateKey, key[..1], key[1..]);
    }

    public static Hash32 AssetBalance(string symbol, Address holder) => SymbolKey(AssetBalancePrefix, symbol, holder, null);

    public static Hash32 Allowance(string symbol, Address owner, Address spender) => SymbolKey(AllowancePrefix, symbol, owner, spender);

    private static Hash32 AddressKey(byte prefix, Address address)
    {
        Span<byte> key = stackalloc byte[1 + Address.Size];
        key[0] = prefix;
        address.CopyTo(key[1..]);
        return Hashing.Hash(Domains.StateKey, key[..1], key[1..]);
    }

    // The symbol's length comes first so that (symbol, address) pairs can never collide.
    private static Hash32 SymbolKey(byte prefix, string symbol, Address first, Address? second)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        if (symbol.Length > byte.MaxValue) throw new ArgumentException("symbol is longer than 255 characters", nameof(symbol));
        int length = 2 + symbol.Length + Address.Size * (second is null ? 1 : 2);
        Span<byte> key = stackalloc byte[length];
        key[0] = prefix;
        key[1] = (byte)symbol.Length;
        System.Text.Encoding.ASCII.GetBytes(symbol, key.Slice(2, symbol.Length));
        int at = 2 + symbol.Length;
        first.CopyTo(key.Slice(at, Address.Size));
        if (second is { } s) s.CopyTo(key.Slice(at + Address.Size, Address.Size));
        return Hashing.Hash(Domains.StateKey, key[..1], key[1..]);
    }

    /// <summary>Certificates: a <c>MethodState</c> (key: id length, id ASCII, version 4 bytes big-endian).</summary>
    public const byte MethodPrefix = 0x40;

    /// <summary>Certificates: the latest version of a method id (key: id ASCII; value 4 bytes big-endian).</summary>
    public const byte MethodLatestPrefix = 0x41;

    /// <summary>Certificates: a <c>CertificateState</c> (key: id, 8 bytes big-endian).</summary>
    public const byte CertificatePrefix = 0x42;

    /// <summary>Certificates: the last id handed out (one fixed key, 8 bytes big-endian).</summary>
    public const byte CertificateCounterPrefix = 0x43;

    /// <summary>Certificates: a <c>CertificateIdBucket</c> of a subject's index (key: entity id 8 bytes, bucket 4 bytes, big-endian).</summary>
    public const byte CertificatesBySubjectPrefix = 0x44;

    /// <summary>Certificates: how many ids a subject's index holds (key: entity id 8 bytes; value 8 bytes big-endian).</summary>
    public const byte CertificatesBySubjectCountPrefix = 0x45;

    /// <summary>Certificates: a <c>CertificateIdBucket</c> of an issuer's index (key: address, bucket 4 bytes big-endian).</summary>
    public const byte CertificatesByIssuerPrefix = 0x46;

    /// <summary>Certificates: how many ids an issuer's index holds (key: address; value 8 bytes big-endian).</summary>
    public const byte CertificatesByIssuerCountPrefix = 0x47;

    /// <summary>The key of version <paramref name="version"/> of method <paramref name="id"/> (ASCII, at most 255 chars).</summary>
    public static Hash32 Method(string id, uint version)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id.Length > byte.MaxValue) throw new ArgumentException("method id is longer than 255 characters", nameof(id));
        Span<byte> key = stackalloc byte[2 + id.Length + sizeof(uint)];
        key[0] = MethodPrefix;
        key[1] = (byte)id.Length;
        System.Text.Encoding.ASCII.GetBytes(id, key.Slice(2, id.Length));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(key[(2 + id.Length)..], version);
        return Hashing.Hash(Domains.StateKey, key[..1], key[1..]);
    }

    /// <summary>The key of the latest version number of method <paramref name="id"/> (ASCII, at most 255 chars).</summary>
    public static Hash32 MethodLatest(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id.Length > byte.MaxValue) throw new ArgumentException("method id is longer than 255 characters", nameof(id));
        Span<byte> key = stackalloc byte[1 + id.Length];
        key[0] = MethodLatestPrefix;
        System.Text.Encoding.ASCII.GetBytes(id, key[1..]);
        return Hashing.Hash(Domains.StateKey, key[..1], key[1..]);
    }

    public static Hash32 Certificate(ulong id) => IdKey(CertificatePrefix, id);

    public static Hash32 CertificateCounter() => Hashing.Hash(Domains.StateKey, [CertificateCounterPrefix], []);

    public static Hash32 CertificatesBySubject(ulong subject, uint bucket)
    {
        Span<byte> key = stackalloc byte[1 + sizeof(ulong) + sizeof(uint)];
        key[0] = CertificatesBySubjectPrefix;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(key[1..], subject);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(key[(1 + sizeof(ulong))..], bucket);
        return Hashing.Hash(Domains.StateKey, key[..1], key[1..]);
    }

    public static Hash32 CertificatesBySubjectCount(ulong subject) => IdKey(CertificatesBySubjectCountPrefix, subject);

    public static Hash32 CertificatesByIssuer(Address issuer, uint bucket)
    {
        Span<byte> key = stackalloc byte[1 + Address.Size + sizeof(uint)];
        key[0] = CertificatesByIssuerPrefix;
        issuer.CopyTo(key[1..]);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(key[(1 + Address.Size)..], bucket);
        return Hashing.Hash(Domains.StateKey, key[..1], key[1..]);
    }

    public static Hash32 CertificatesByIssuerCount(Address issuer) => AddressKey(CertificatesByIssuerCountPrefix, issuer);

    private static Hash32 IdKey(byte prefix, ulong id)
    {
        Span<byte> key = stackalloc byte[1 + sizeof(ulong)];
        key[0] = prefix;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(key[1..], id);
        return Hashing.Hash(Domains.StateKey, key[..1], key[1..]);
    }

    /// <summary>Microshares: a <c>MicroshareClassState</c> (key: id, 8 bytes big-endian).</summary>
    public const byte MicroshareClassPrefix = 0x50;

    /// <summary>Microshares: the last class id handed out (one fixed key, 8 bytes big-endian).</summary>
    public const byte MicroshareClassCounterPrefix = 0x51;

    /// <summary>Microshares: the class id of a symbol (key: symbol ASCII; value 8 bytes big-endian).</summary>
    public const byte MicroshareSymbolPrefix = 0x52;

    /// <summary>Microshares: a <c>MicroshareLotState</c> (key: lot id, 8 bytes big-endian).</summary>
    public const byte MicroshareLotPrefix = 0x53;

    /// <summary>Microshares: the last lot id handed out (one fixed key, 8 bytes big-endian).</summary>
    public const byte MicroshareLotCounterPrefix = 0x54;

    /// <summary>Microshares: a holder's <c>MicroshareHolding</c> of a class (key: address, class id 8 bytes big-endian).</summary>
    public const byte MicroshareHoldingPrefix = 0x55;

    /// <summary>Microshares: a class's <c>MicroshareReserve</c> of an asset (key: class id 8 bytes, symbol ASCII).</summary>
    public const byte MicroshareReservePrefix = 0x56;

    public static Hash32 MicroshareClass(ulong id) => IdKey(MicroshareClassPrefix, id);

    public static Hash32 MicroshareClassCounter() => Hashing.Hash(Domains.StateKey, [MicroshareClassCounterPrefix], []);

    /// <summary>The key of a class symbol (ASCII, at most 255 chars).</summary>
    public static Hash32 MicroshareSymbol(string symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        if (symbol.Length > byte.MaxValue) throw new ArgumentException("symbol is longer than 255 characters", nameof(symbol));
        Span<byte> key = stackalloc byte[1 + symbol.Length];
        key[0] = MicroshareSymbolPrefix;
        System.Text.Encoding.ASCII.GetBytes(symbol, key[1..]);
        return Hashing.Hash(Domains.StateKey, key[..1], key[1..]);
    }

    public static Hash32 MicroshareLot(ulong id) => IdKey(MicroshareLotPrefix, id);

    public static Hash32 MicroshareLotCounter() => Hashing.Hash(Domains.StateKey, [MicroshareLotCounterPrefix], []);

    public static Hash32 MicroshareHolding(Address holder, ulong classId)
    {
        Span<byte> key = stackalloc byte[1 + Address.Size + sizeof(ulong)];
        key[0] = MicroshareHoldingPrefix;
        holder.CopyTo(key[1..]);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(key[(1 + Address.Size)..], classId);
        return Hashing.Hash(Domains.StateKey, key[..1], key[1..]);
    }

    /// <summary>The key of a class's reserve of <paramref name="asset"/> (ASCII, at most 255 chars; the fixed-size id comes first).</summary>
    public static Hash32 MicroshareReserve(ulong classId, string asset)
    {
        ArgumentNullException.ThrowIfNull(asset);
        if (asset.Length > byte.MaxValue) throw new ArgumentException("asset symbol is longer than 255 characters", nameof(asset));
        Span<byte> key = stackalloc byte[1 + sizeof(ulong) + asset.Length];
        key[0] = MicroshareReservePrefix;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(key[1..], classId);
        System.Text.Encoding.ASCII.GetBytes(asset, key[(1 + sizeof(ulong))..]);
        return Hashing.Hash(Domains.StateKey, key[..1], key[1..]);
    }
}
