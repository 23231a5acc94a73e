using Seratio.Core.State;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Daf;

/// <summary>
/// An append-only list of fixed-size items in state (voters, depositors, proposals due at a height): a count under
/// <see cref="DafKeys.ListCount"/> and chunks of <see cref="ChunkSize"/> concatenated items under
/// <see cref="DafKeys.ListChunk"/>. Appending rewrites one chunk and the count, so the cost stays O(1) however long the
/// list grows. Immutable value; thread safe (the state it reads is not).
/// </summary>
internal readonly struct DafList(byte prefix, ulong owner, int itemSize, string what)
{
    /// <summary>Items per chunk.</summary>
    public const int ChunkSize = 64;

    public ulong Count(IStateReader state) => StateValues.ReadU64(state.Get(DafKeys.ListCount(prefix, owner)), $"a DAF {what} count");

    /// <summary>Up to <paramref name="take"/> items from position <paramref name="from"/> (0 = oldest).</summary>
    public List<byte[]> Read(IStateReader state, ulong from, int take)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(take);
        ulong count = Count(state);
        var items = new List<byte[]>(Math.Min(take, ChunkSize));
        ulong at = from;
        byte[]? chunk = null;
        ulong chunkNo = ulong.MaxValue;
        while (items.Count < take && at < count)
        {
            if (chunkNo != at / ChunkSize)
            {
                chunkNo = at / ChunkSize;
                chunk = ReadChunk(state, chunkNo);
            }
            int offset = (int)(at % ChunkSize) * itemSize;
            if (offset + itemSize > chunk!.Length) throw new InvalidDataException($"a DAF {what} chunk holds fewer items than its count says");
            items.Add(chunk.AsSpan(offset, itemSize).ToArray());
            at++;
        }
        return items;
    }

    /// <summary>Appends <paramref name="item"/> (exactly the item size).</summary>
    public void Append(IStateView view, ReadOnlySpan<byte> item)
    {
        if (item.Length != itemSize) throw new ArgumentException($"a DAF {what} item is {itemSize} bytes", nameof(item));
        var state = new DafViewReader(view);
        ulong count = Count(state);
        ulong chunkNo = count / ChunkSize;
        var old = count % ChunkSize != 0 ? ReadChunk(state, chunkNo) : [];
        var chunk = new byte[old.Length + itemSize];
        old.CopyTo(chunk, 0);
        item.CopyTo(chunk.AsSpan(old.Length));
        view.Set(DafKeys.ListChunk(prefix, owner, chunkNo), chunk);
        view.Set(DafKeys.ListCount(prefix, owner), StateValues.U64(checked(count + 1)));
    }

    /// <summary>Deletes the count and every chunk.</summary>
    public void Delete(IStateView view)
    {
        ulong count = Count(new DafViewReader(view));
        for (ulong chunk = 0; chunk * ChunkSize < count; chunk++) view.Set(DafKeys.ListChunk(prefix, owner, chunk), null);
        if (count > 0) view.Set(DafKeys.ListCount(prefix, owner), null);
    }

    private byte[] ReadChunk(IStateReader state, ulong chunk) =>
        state.Get(DafKeys.ListChunk(prefix, owner, chunk))
        ?? throw new InvalidDataException($"a DAF {what} list counts chunk {chunk} but state does not hold it");
}

/// <summary>Reads a handler's or the end-of-block step's <see cref="IStateView"/> as an <see cref="IStateReader"/>. Not thread safe (as the view).</summary>
internal sealed class DafViewReader(IStateView view) : IStateReader
{
    public byte[]? Get(in Core.Crypto.Hash32 key) => view.Get(key);
}
