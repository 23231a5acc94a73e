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

    /// <summary>Validators: the set that validates the height after the latest block (single key, ValidatorSetState).</summary>
    public const byte ValidatorsNextPrefix = 0x03;

    /// <summary>Validators: the set that validates two heights after the latest block (single key, ValidatorSetState).</summary>
    public const byte ValidatorsPendingPrefix = 0x04;

    /// <summary>Validators: every jailed validator (single key, JailedValidators).</summary>
    public const byte JailedPrefix = 0x05;

    /// <summary>Evidence: committed evidence by its hash → EvidenceRecord.</summary>
    public const byte EvidencePrefix = 0x06;

    /// <summary>Evidence: how many evidence records were committed (single key, 8 bytes big-endian).</summary>
    public const byte EvidenceCountPrefix = 0x07;

    /// <summary>Evidence: the n-th committed evidence (sequence number, 8 bytes big-endian) → its hash.</summary>
    public const byte EvidenceBySequencePrefix = 0x08;

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
        ["validators/next"] = ValidatorsNextPrefix,
        ["validators/pending"] = ValidatorsPendingPrefix,
        ["validators/jailed"] = JailedPrefix,
        ["evidence/by-hash"] = EvidencePrefix,
        ["evidence/count"] = EvidenceCountPrefix,
        ["evidence/by-sequence"] = EvidenceBySequencePrefix,
        ["certificates/method"] = MethodPrefix,
        ["certificates/method-latest"] = MethodLatestPrefix,
        ["certificates/certificate"] = CertificatePrefix,
        ["certificates/next-id"] = CertificateCounterPrefix,
        ["certificates/by-subject"] = CertificatesBySubjectPrefix,
        ["certificates/by-subject-count"] = CertificatesBySubjectCountPrefix,
        ["certificates/by-issuer"] = CertificatesByIssuerPrefix,
        ["certificates/by-issuer-count"] = CertificatesByIssuerCountPrefix,
        ["provenance/record"] = ProvenanceRecordPrefix,
        ["provenance/last-id"] = ProvenanceCounterPrefix,
        ["provenance/children-count"] = ProvenanceChildrenCountPrefix,
        ["provenance/children-chunk"] = ProvenanceChildrenChunkPrefix,
        ["provenance/by-entity-count"] = ProvenanceByEntityCountPrefix,
        ["provenance/by-entity-chunk"] = ProvenanceByEntityChunkPrefix,
        ["provenance/by-item-count"] = ProvenanceByItemCountPrefix,
        ["provenance/by-item-chunk"] = ProvenanceByItemChunkPrefix,
        ["provenance/corrections-count"] = ProvenanceCorrectionsCountPrefix,
        ["provenance/corrections-chunk"] = ProvenanceCorrectionsChunkPrefix,
        ["provenance/by-lot-count"] = ProvenanceByLotCountPrefix,
        ["provenance/by-lot-chunk"] = ProvenanceByLotChunkPrefix,
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

    /// <summary>The set validating the height after the latest block.</summary>
    public static Hash32 ValidatorsNext() => Hashing.Hash(Domains.StateKey, [ValidatorsNextPrefix], []);

    /// <summary>The set validating two heights after the latest block.</summary>
    public static Hash32 ValidatorsPending() => Hashing.Hash(Domains.StateKey, [ValidatorsPendingPrefix], []);

    /// <summary>The list of jailed validators.</summary>
    public static Hash32 Jailed() => Hashing.Hash(Domains.StateKey, [JailedPrefix], []);

    /// <summary>Committed evidence by its hash.</summary>
    public static Hash32 Evidence(Hash32 evidenceHash)
    {
        Span<byte> hash = stackalloc byte[Hash32.Size];
        evidenceHash.CopyTo(hash);
        return Hashing.Hash(Domains.StateKey, [EvidencePrefix], hash);
    }

    /// <summary>The number of committed evidence records.</summary>
    public static Hash32 EvidenceCount() => Hashing.Hash(Domains.StateKey, [EvidenceCountPrefix], []);

    /// <summary>The hash of the <paramref name="sequence"/>-th committed evidence (0-based).</summary>
    public static Hash32 EvidenceBySequence(ulong sequence)
    {
        Span<byte> n = stackalloc byte[sizeof(ulong)];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(n, sequence);
        return Hashing.Hash(Domains.StateKey, [EvidenceBySequencePrefix], n);
    }

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

    /// <summary>Provenance: a <c>ProvenanceRecord</c> (key: id, 8 bytes big-endian).</summary>
    public const byte ProvenanceRecordPrefix = 0x60;

    /// <summary>Provenance: the last record id handed out (one fixed key, 8 bytes big-endian).</summary>
    public const byte ProvenanceCounterPrefix = 0x61;

    /// <summary>Provenance: how many records name a record as input (key: record id; value 8 bytes big-endian).</summary>
    public const byte ProvenanceChildrenCountPrefix = 0x62;

    /// <summary>Provenance: a <c>ProvenanceIdChunk</c> of a record's children (key: record id, chunk number).</summary>
    public const byte ProvenanceChildrenChunkPrefix = 0x63;

    /// <summary>Provenance: how many records an entity is the subject of (key: entity id).</summary>
    public const byte ProvenanceByEntityCountPrefix = 0x64;

    /// <summary>Provenance: a <c>ProvenanceIdChunk</c> of an entity's records (key: entity id, chunk number).</summary>
    public const byte ProvenanceByEntityChunkPrefix = 0x65;

    /// <summary>Provenance: how many records name an item (key: item length (1 byte), item UTF-8).</summary>
    public const byte ProvenanceByItemCountPrefix = 0x66;

    /// <summary>Provenance: a <c>ProvenanceIdChunk</c> of an item's records (key: item length, item, chunk number).</summary>
    public const byte ProvenanceByItemChunkPrefix = 0x67;

    /// <summary>Provenance: how many records correct a record (key: record id).</summary>
    public const byte ProvenanceCorrectionsCountPrefix = 0x68;

    /// <summary>Provenance: a <c>ProvenanceIdChunk</c> of a record's corrections (key: record id, chunk number).</summary>
    public const byte ProvenanceCorrectionsChunkPrefix = 0x69;

    /// <summary>Provenance: how many records link a microshare lot (key: lot id).</summary>
    public const byte ProvenanceByLotCountPrefix = 0x6A;

    /// <summary>Provenance: a <c>ProvenanceIdChunk</c> of the records linking a lot (key: lot id, chunk number).</summary>
    public const byte ProvenanceByLotChunkPrefix = 0x6B;

    public static Hash32 ProvenanceRecord(ulong id)
    {
        Span<byte> key = stackalloc byte[1 + sizeof(ulong)];
        key[0] = ProvenanceRecordPrefix;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(key[1..], id);
        return Hashing.Hash(Domains.StateKey, key[..1], key[1..]);
    }

    public static Hash32 ProvenanceCounter() => Hashing.Hash(Domains.StateKey, [ProvenanceCounterPrefix], []);

    /// <summary>The count key of an id index: <paramref name="prefix"/> || <paramref name="owner"/> (at most 256 bytes).</summary>
    public static Hash32 ProvenanceIndexCount(byte prefix, ReadOnlySpan<byte> owner)
    {
        if (owner.Length > 256) throw new ArgumentException("an index owner key is at most 256 bytes", nameof(owner));
        Span<byte> key = stackalloc byte[1 + owner.Length];
        key[0] = prefix;
        owner.CopyTo(key[1..]);
        return Hashing.Hash(Domains.StateKey, key[..1], key[1..]);
    }

    /// <summary>The key of chunk <paramref name="chunk"/> of an id index: prefix || owner || chunk (8 bytes big-endian).</summary>
    public static Hash32 ProvenanceIndexChunk(byte prefix, ReadOnlySpan<byte> owner, ulong chunk)
    {
        if (owner.Length > 256) throw new ArgumentException("an index owner key is at most 256 bytes", nameof(owner));
        Span<byte> key = stackalloc byte[1 + owner.Length + sizeof(ulong)];
        key[0] = prefix;
        owner.CopyTo(key[1..]);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(key[(1 + owner.Length)..], chunk);
        return Hashing.Hash(Domains.StateKey, key[..1], key[1..]);
    }

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
