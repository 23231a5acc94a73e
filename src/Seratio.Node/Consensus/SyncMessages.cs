using System.Buffers.Binary;
using Google.Protobuf;
using Seratio.Protocol;

namespace Seratio.Node.Consensus;

/// <summary>The kinds of block sync messages (first byte on the Sync channel).</summary>
public enum SyncKind : byte
{
    /// <summary>"My head is at height H": <c>1 || height (8 BE)</c>.</summary>
    Status = 1,
    /// <summary>"Send me blocks from height F, at most C": <c>2 || from (8 BE) || count (4 BE)</c>.</summary>
    Request = 2,
    /// <summary>One committed block with its commit: <c>3 || block length (4 BE) || block || commit</c>.</summary>
    Block = 3,
    /// <summary>"I no longer hold the blocks you asked for; I keep blocks from height E" (Storage:KeepBlocks): <c>4 || earliest (8 BE)</c>.</summary>
    Pruned = 4,
}

/// <summary>A decoded block sync message. Immutable.</summary>
public readonly record struct SyncMessage(SyncKind Kind, ulong Height, uint Count, Block? Block, Commit? Commit);

/// <summary>
/// Encoding of block sync messages (request / response over the Sync channel, docs/p2p.md). Decoding
/// never throws on peer input: it returns false for anything malformed. Pure; thread safe.
/// </summary>
public static class SyncMessages
{
    public static byte[] Status(ulong height)
    {
        var bytes = new byte[9];
        bytes[0] = (byte)SyncKind.Status;
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(1), height);
        return bytes;
    }

    public static byte[] Request(ulong from, uint count)
    {
        var bytes = new byte[13];
        bytes[0] = (byte)SyncKind.Request;
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(1), from);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(9), count);
        return bytes;
    }

    public static byte[] Pruned(ulong earliest)
    {
        var bytes = new byte[9];
        bytes[0] = (byte)SyncKind.Pruned;
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(1), earliest);
        return bytes;
    }

    public static byte[] BlockWithCommit(Block block, Commit commit)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(commit);
        var b = block.ToByteArray();
        var c = commit.ToByteArray();
        var bytes = new byte[5 + b.Length + c.Length];
        bytes[0] = (byte)SyncKind.Block;
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(1), b.Length);
        b.CopyTo(bytes.AsSpan(5));
        c.CopyTo(bytes.AsSpan(5 + b.Length));
        return bytes;
    }

    public static bool TryDecode(ReadOnlyMemory<byte> payload, out SyncMessage message)
    {
        message = default;
        var span = payload.Span;
        if (span.Length == 0) return false;
        switch ((SyncKind)span[0])
        {
            case SyncKind.Status when span.Length == 9:
                message = new SyncMessage(SyncKind.Status, BinaryPrimitives.ReadUInt64BigEndian(span[1..]), 0, null, null);
                return true;
            case SyncKind.Pruned when span.Length == 9:
                message = new SyncMessage(SyncKind.Pruned, BinaryPrimitives.ReadUInt64BigEndian(span[1..]), 0, null, null);
                return true;
            case SyncKind.Request when span.Length == 13:
                message = new SyncMessage(SyncKind.Request, BinaryPrimitives.ReadUInt64BigEndian(span[1..]), BinaryPrimitives.ReadUInt32BigEndian(span[9..]), null, null);
                return true;
            case SyncKind.Block when span.Length >= 5:
                int length = BinaryPrimitives.ReadInt32BigEndian(span[1..]);
                if (length < 0 || length > span.Length - 5) return false;
                try
                {
                    var block = Block.Parser.ParseFrom(payload.Slice(5, length).Span);
                    var commit = Commit.Parser.ParseFrom(payload[(5 + length)..].Span);
                    if (block.Header is null) return false;
                    message = new SyncMessage(SyncKind.Block, block.Header.Height, 1, block, commit);
                    return true;
                }
                catch (InvalidProtocolBufferException) { return false; }
            default:
                return false;
        }
    }
}
