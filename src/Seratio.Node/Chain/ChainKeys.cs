using System.Buffers.Binary;
using Seratio.Core.Crypto;

namespace Seratio.Node.Chain;

/// <summary>
/// The key layout of the chain database, per column (see <see cref="Core.Storage.Column"/>):
/// <list type="bullet">
/// <item>Meta: "genesis" → genesis hash (32); "chain_id" → UTF-8; "head" → height (8 BE) || block hash (32) || state root (32) || time ms (8 BE);
/// "earliest_state" → the lowest height whose state is held (8 BE; absent = 0, every height); "earliest_block" → the lowest
/// height whose block is held (8 BE; absent = 1, every block). Both only rise, each in the batch that prunes below it.</item>
/// <item>Blocks: height (8 BE) → encoded Block; "h" || block hash (33 bytes) → height (8 BE).</item>
/// <item>Commits: height (8 BE) → encoded Commit certifying that block.</item>
/// <item>Txs: tx hash (32) → encoded TxLocation.</item>
/// <item>Receipts: height (8 BE) || index (4 BE) → encoded Receipt.</item>
/// <item>StateNodes: node hash (32) → encoded node.</item>
/// <item>StateLatest: state key (32) → latest value (absent keys have no entry).</item>
/// <item>StateHistory: state key (32) || height (8 BE) → empty when deleted at that height, else 0x01 || value
/// (the tag keeps an empty value apart from a deletion).</item>
/// <item>Indexes: height (8 BE) → state root (32) after that height; height 0 is the genesis state. Kept for pruned heights too (40 bytes a height).</item>
/// <item>StateNodeBirths: node hash (32) → the last height that wrote the node (8 BE); absent for nodes written before it existed.</item>
/// </list>
/// Big-endian heights make RocksDB's bytewise order the height order. Pure; thread safe.
/// </summary>
internal static class ChainKeys
{
    public static readonly byte[] MetaGenesis = "genesis"u8.ToArray();
    public static readonly byte[] MetaChainId = "chain_id"u8.ToArray();
    public static readonly byte[] MetaHead = "head"u8.ToArray();
    public static readonly byte[] MetaEarliestState = "earliest_state"u8.ToArray();
    /// <summary>Present once the store has been opened with state pruning: from then on commits record node births.</summary>
    public static readonly byte[] MetaRecordsBirths = "records_births"u8.ToArray();
    public static readonly byte[] MetaEarliestBlock = "earliest_block"u8.ToArray();
    public const byte BlockHashPrefix = (byte)'h';
    public const byte HistoryPresent = 0x01;

    public static byte[] Height(ulong height)
    {
        var key = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(key, height);
        return key;
    }

    public static ulong ReadHeight(ReadOnlySpan<byte> bytes) => BinaryPrimitives.ReadUInt64BigEndian(bytes);

    public static byte[] BlockByHash(Hash32 hash)
    {
        var key = new byte[1 + Hash32.Size];
        key[0] = BlockHashPrefix;
        hash.CopyTo(key.AsSpan(1));
        return key;
    }

    public static byte[] Receipt(ulong height, uint index)
    {
        var key = new byte[12];
        BinaryPrimitives.WriteUInt64BigEndian(key, height);
        BinaryPrimitives.WriteUInt32BigEndian(key.AsSpan(8), index);
        return key;
    }

    public static byte[] History(Hash32 stateKey, ulong height)
    {
        var key = new byte[Hash32.Size + 8];
        stateKey.CopyTo(key);
        BinaryPrimitives.WriteUInt64BigEndian(key.AsSpan(Hash32.Size), height);
        return key;
    }

    public static byte[] HistoryValue(byte[]? value)
    {
        if (value is null) return [];
        var bytes = new byte[value.Length + 1];
        bytes[0] = HistoryPresent;
        value.CopyTo(bytes, 1);
        return bytes;
    }

    /// <summary>The value a history entry records; null for a deletion.</summary>
    public static byte[]? ReadHistoryValue(byte[] stored)
    {
        if (stored.Length == 0) return null;
        if (stored[0] != HistoryPresent) throw new InvalidDataException("state history entry has an unknown tag");
        return stored.AsSpan(1).ToArray();
    }

    public static byte[] Head(ChainHead head)
    {
        var bytes = new byte[8 + Hash32.Size * 2 + 8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, head.Height);
        head.BlockHash.CopyTo(bytes.AsSpan(8));
        head.StateRoot.CopyTo(bytes.AsSpan(8 + Hash32.Size));
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(8 + Hash32.Size * 2), head.TimeUnixMs);
        return bytes;
    }

    public static ChainHead ReadHead(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 8 + Hash32.Size * 2 + 8) throw new InvalidDataException("stored chain head has the wrong length");
        return new ChainHead(
            BinaryPrimitives.ReadUInt64BigEndian(bytes),
            new Hash32(bytes.Slice(8, Hash32.Size)),
            new Hash32(bytes.Slice(8 + Hash32.Size, Hash32.Size)),
            BinaryPrimitives.ReadInt64BigEndian(bytes[(8 + Hash32.Size * 2)..]));
    }
}
