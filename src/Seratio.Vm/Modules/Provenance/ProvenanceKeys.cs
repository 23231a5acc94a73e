using Seratio.Core.Crypto;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Provenance;

/// <summary>The state keys of the provenance module (records and their id indexes). Stateless; thread safe.</summary>
public static class ProvenanceKeys
{
    /// <summary>The prefixes this module may take.</summary>
    public static readonly PrefixRange Range = new(0x60, 0x6F);

    /// <summary>A <c>ProvenanceRecord</c> (key: id, 8 bytes big-endian).</summary>
    public const byte RecordPrefix = 0x60;

    /// <summary>The last record id handed out (one fixed key, 8 bytes big-endian).</summary>
    public const byte CounterPrefix = 0x61;

    /// <summary>How many records name a record as input (key: record id; value 8 bytes big-endian).</summary>
    public const byte ChildrenCountPrefix = 0x62;

    /// <summary>A <c>ProvenanceIdChunk</c> of a record's children (key: record id, chunk number).</summary>
    public const byte ChildrenChunkPrefix = 0x63;

    /// <summary>How many records an entity is the subject of (key: entity id).</summary>
    public const byte ByEntityCountPrefix = 0x64;

    /// <summary>A <c>ProvenanceIdChunk</c> of an entity's records (key: entity id, chunk number).</summary>
    public const byte ByEntityChunkPrefix = 0x65;

    /// <summary>How many records name an item (key: item length (1 byte), item UTF-8).</summary>
    public const byte ByItemCountPrefix = 0x66;

    /// <summary>A <c>ProvenanceIdChunk</c> of an item's records (key: item length, item, chunk number).</summary>
    public const byte ByItemChunkPrefix = 0x67;

    /// <summary>How many records correct a record (key: record id).</summary>
    public const byte CorrectionsCountPrefix = 0x68;

    /// <summary>A <c>ProvenanceIdChunk</c> of a record's corrections (key: record id, chunk number).</summary>
    public const byte CorrectionsChunkPrefix = 0x69;

    /// <summary>How many records link a microshare lot (key: lot id, 8 bytes big-endian).</summary>
    public const byte ByLotCountPrefix = 0x6A;

    /// <summary>A <c>ProvenanceIdChunk</c> of the records linking a lot (key: lot id, chunk number).</summary>
    public const byte ByLotChunkPrefix = 0x6B;

    public static Hash32 Record(ulong id) => StateKey.Id(RecordPrefix, id);

    public static Hash32 Counter() => StateKey.Fixed(CounterPrefix);

    /// <summary>The count key of an id index: <paramref name="prefix"/> || <paramref name="owner"/> (at most 256 bytes).</summary>
    public static Hash32 IndexCount(byte prefix, ReadOnlySpan<byte> owner)
    {
        CheckOwner(owner);
        return new StateKey.Builder(prefix, stackalloc byte[1 + owner.Length]).Bytes(owner, nameof(owner)).Build();
    }

    /// <summary>The key of chunk <paramref name="chunk"/> of an id index: prefix || owner || chunk (8 bytes big-endian).</summary>
    public static Hash32 IndexChunk(byte prefix, ReadOnlySpan<byte> owner, ulong chunk)
    {
        CheckOwner(owner);
        return new StateKey.Builder(prefix, stackalloc byte[1 + owner.Length + sizeof(ulong)]).Bytes(owner, nameof(owner)).UInt64(chunk).Build();
    }

    // Checked before sizing the stack buffer, so a huge owner never reaches stackalloc.
    private static void CheckOwner(ReadOnlySpan<byte> owner)
    {
        if (owner.Length > StateKey.MaxBytesLength) throw new ArgumentException($"an index owner key is at most {StateKey.MaxBytesLength} bytes", nameof(owner));
    }
}
