using System.Buffers.Binary;
using Google.Protobuf;
using Seratio.Core.State;
using Seratio.Protocol;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Provenance;

/// <summary>
/// An append-only list of record ids kept in state as a count (8 bytes big-endian under the count
/// prefix) and chunks of <see cref="ChunkSize"/> ids (<see cref="ProvenanceIdChunk"/> under the
/// chunk prefix, chunk n holding positions n*64 .. n*64+63). Appending reads and rewrites one
/// chunk, so the cost of an append does not grow with the list, and a reader can page from any
/// position without reading what comes before it. Ids are appended in execution order, so each
/// list is ascending. Immutable value; thread safe.
/// </summary>
public readonly struct ProvenanceIndex
{
    /// <summary>Ids per chunk.</summary>
    public const int ChunkSize = 64;

    private readonly byte _countPrefix;
    private readonly byte _chunkPrefix;
    private readonly byte[] _owner;

    private ProvenanceIndex(byte countPrefix, byte chunkPrefix, byte[] owner)
    {
        _countPrefix = countPrefix;
        _chunkPrefix = chunkPrefix;
        _owner = owner;
    }

    /// <summary>Records that name record <paramref name="id"/> as an input.</summary>
    public static ProvenanceIndex Children(ulong id) =>
        new(ProvenanceKeys.ChildrenCountPrefix, ProvenanceKeys.ChildrenChunkPrefix, IdKey(id));

    /// <summary>Records whose subject is entity <paramref name="entityId"/>.</summary>
    public static ProvenanceIndex ByEntity(ulong entityId) =>
        new(ProvenanceKeys.ByEntityCountPrefix, ProvenanceKeys.ByEntityChunkPrefix, IdKey(entityId));

    /// <summary>Records that name <paramref name="item"/> (at most 255 UTF-8 bytes) among their items.</summary>
    public static ProvenanceIndex ByItem(string item)
    {
        ArgumentNullException.ThrowIfNull(item);
        int length = System.Text.Encoding.UTF8.GetByteCount(item);
        if (length > byte.MaxValue) throw new ArgumentException("an item id is at most 255 UTF-8 bytes", nameof(item));
        var owner = new byte[1 + length];
        owner[0] = (byte)length; // the length first keeps item keys prefix-free
        System.Text.Encoding.UTF8.GetBytes(item, owner.AsSpan(1));
        return new(ProvenanceKeys.ByItemCountPrefix, ProvenanceKeys.ByItemChunkPrefix, owner);
    }

    /// <summary>Records that correct record <paramref name="id"/>.</summary>
    public static ProvenanceIndex Corrections(ulong id) =>
        new(ProvenanceKeys.CorrectionsCountPrefix, ProvenanceKeys.CorrectionsChunkPrefix, IdKey(id));

    /// <summary>Records that link microshare lot <paramref name="lotId"/> (<c>ProvenanceLink.microshare_lot_id</c>).</summary>
    public static ProvenanceIndex ByLot(ulong lotId) =>
        new(ProvenanceKeys.ByLotCountPrefix, ProvenanceKeys.ByLotChunkPrefix, IdKey(lotId));

    /// <summary>How many ids the list holds.</summary>
    public ulong Count(IStateReader state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var value = state.Get(ProvenanceKeys.IndexCount(_countPrefix, _owner));
        if (value is null) return 0;
        if (value.Length != sizeof(ulong)) throw new InvalidDataException("state holds a provenance index count that is not 8 bytes");
        return BinaryPrimitives.ReadUInt64BigEndian(value);
    }

    /// <summary>Up to <paramref name="take"/> ids from position <paramref name="from"/> (0-based), ascending.</summary>
    public List<ulong> Read(IStateReader state, ulong from, int take)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(take);
        ulong count = Count(state);
        var ids = new List<ulong>(Math.Min(take, ChunkSize));
        ulong at = from;
        while (ids.Count < take && at < count)
        {
            var chunk = ReadChunk(state, at / ChunkSize);
            int i = (int)(at % ChunkSize);
            if (i >= chunk.Count) throw new InvalidDataException("a provenance index chunk holds fewer ids than its count says");
            for (; i < chunk.Count && ids.Count < take; i++, at++) ids.Add(chunk[i]);
        }
        return ids;
    }

    /// <summary>Every id, ascending, read one chunk at a time as the caller advances.</summary>
    public IEnumerable<ulong> Enumerate(IStateReader state)
    {
        ulong count = Count(state);
        for (ulong chunk = 0; chunk * ChunkSize < count; chunk++)
            foreach (var id in ReadChunk(state, chunk)) yield return id;
    }

    /// <summary>Appends <paramref name="id"/> (larger than every id already listed).</summary>
    internal void Append(IStateView view, IStateReader state, ulong id)
    {
        ulong count = Count(state);
        ulong chunkNo = count / ChunkSize;
        var chunk = new ProvenanceIdChunk();
        if (count % ChunkSize != 0) chunk.Ids.Add(ReadChunk(state, chunkNo));
        chunk.Ids.Add(id);
        view.Set(ProvenanceKeys.IndexChunk(_chunkPrefix, _owner, chunkNo), chunk.ToByteArray());
        var value = new byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64BigEndian(value, checked(count + 1));
        view.Set(ProvenanceKeys.IndexCount(_countPrefix, _owner), value);
    }

    private List<ulong> ReadChunk(IStateReader state, ulong chunk)
    {
        var bytes = state.Get(ProvenanceKeys.IndexChunk(_chunkPrefix, _owner, chunk))
            ?? throw new InvalidDataException($"a provenance index counts chunk {chunk} but state does not hold it");
        try
        {
            return [.. ProvenanceIdChunk.Parser.ParseFrom(bytes).Ids];
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new InvalidDataException("state holds a provenance index chunk that is not a seratio.v1.ProvenanceIdChunk", ex);
        }
    }

    private static byte[] IdKey(ulong id)
    {
        var key = new byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64BigEndian(key, id);
        return key;
    }
}
