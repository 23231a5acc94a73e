using Seratio.Core.Crypto;
using Seratio.Core.State;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Exchange;

/// <summary>
/// An append-only list of fixed-size entries under transient keys (<see cref="ExchangeKeys.TransientPrefix"/>): a count
/// (4 bytes big-endian) under the list's key and the entries in chunks of <see cref="ChunkEntries"/> under the same key
/// followed by the chunk number. Appending rewrites one chunk and the count, so a block of n placements costs O(n), not
/// the O(n²) of rewriting one growing value per append. The batch reads a list whole and deletes it. Immutable value;
/// thread safe.
/// </summary>
internal readonly struct TransientList
{
    public const int ChunkEntries = 64;

    private readonly byte _kind;
    private readonly byte[] _owner;
    private readonly int _entrySize;

    private TransientList(byte kind, byte[] owner, int entrySize)
    {
        _kind = kind;
        _owner = owner;
        _entrySize = entrySize;
    }

    /// <summary>The ids of a market's orders placed in this block (8 bytes each, ascending: ids grow within a block).</summary>
    public static TransientList Pending(ulong marketId) => new(ExchangeKeys.TransientPending, ExchangeKeys.U64(marketId), sizeof(ulong));

    /// <summary>The accounts that placed or cancelled in this block (20 bytes each, first action order).</summary>
    public static TransientList Actors() => new(ExchangeKeys.TransientActors, [], Core.Addressing.Address.Size);

    private Hash32 CountKey => ExchangeKeys.Transient(_kind, _owner);

    public uint Count(IStateReader state) => Exchange.DecodeU32(state.Get(CountKey), "transient list count");

    public void Append(IStateView view, ReadOnlySpan<byte> entry)
    {
        if (entry.Length != _entrySize) throw new ArgumentException($"an entry of this list is {_entrySize} bytes", nameof(entry));
        var reader = new ViewReader(view);
        uint count = Count(reader);
        uint chunk = count / ChunkEntries;
        var old = count % ChunkEntries == 0 ? [] : Chunk(reader, chunk);
        var next = new byte[old.Length + _entrySize];
        old.CopyTo(next, 0);
        entry.CopyTo(next.AsSpan(old.Length));
        view.Set(ExchangeKeys.TransientChunk(_kind, _owner, chunk), next);
        view.Set(CountKey, Exchange.EncodeU32(checked(count + 1)));
    }

    /// <summary>Every entry, in append order.</summary>
    public List<byte[]> ReadAll(IStateReader state)
    {
        uint count = Count(state);
        var entries = new List<byte[]>((int)count);
        for (uint chunk = 0; chunk * ChunkEntries < count; chunk++)
        {
            var bytes = Chunk(state, chunk);
            for (int at = 0; at < bytes.Length; at += _entrySize) entries.Add(bytes[at..(at + _entrySize)]);
        }
        if (entries.Count != count) throw new InvalidDataException($"a transient exchange list counts {count} entries but its chunks hold {entries.Count}");
        return entries;
    }

    /// <summary>Deletes the count and every chunk: the list leaves nothing in state.</summary>
    public void Delete(IStateView view)
    {
        uint count = Count(new ViewReader(view));
        for (uint chunk = 0; chunk * ChunkEntries < count; chunk++) view.Set(ExchangeKeys.TransientChunk(_kind, _owner, chunk), null);
        if (count > 0) view.Set(CountKey, null);
    }

    private byte[] Chunk(IStateReader state, uint chunk)
    {
        var bytes = state.Get(ExchangeKeys.TransientChunk(_kind, _owner, chunk))
            ?? throw new InvalidDataException($"a transient exchange list counts chunk {chunk} but state does not hold it");
        if (bytes.Length % _entrySize != 0) throw new InvalidDataException("a transient exchange list chunk is not whole entries");
        return bytes;
    }
}
