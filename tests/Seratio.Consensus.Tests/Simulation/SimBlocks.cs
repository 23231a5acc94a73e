using System.Buffers.Binary;
using Google.Protobuf;
using Seratio.Core.Crypto;
using Seratio.Protocol;

namespace Seratio.Consensus.Tests.Simulation;

/// <summary>
/// Deterministic blocks for the simulation. A block executes "to the same root" when its state
/// root is SHA-256 of (parent hash, height, txs): an invalid block carries another root, as a
/// proposer with a broken executor would produce. Pure.
/// </summary>
internal static class SimBlocks
{
    public const string ChainId = "seratio-sim";

    public static Block Build(ulong height, Hash32 parent, PublicKey proposer, long timeMs, ulong salt, bool valid)
    {
        var tx = new byte[8 + PublicKey.Size];
        BinaryPrimitives.WriteUInt64BigEndian(tx, salt);
        proposer.CopyTo(tx.AsSpan(8));
        var block = new Block
        {
            Header = new BlockHeader
            {
                ChainId = ChainId, Height = height, TimeUnixMs = timeMs, ParentHash = parent.ToByteString(),
                Proposer = ByteString.CopyFrom(proposer.ToAddress().ToArray()), TxCount = 1,
            },
        };
        block.Txs.Add(ByteString.CopyFrom(tx));
        var root = StateRoot(parent, height, block);
        block.Header.StateRoot = (valid ? root : Hash32.Sha256(root.ToArray())).ToByteString();
        return block;
    }

    /// <summary>Execute-before-vote, simulated: the block extends <paramref name="parent"/> at <paramref name="height"/> and reproduces its state root.</summary>
    public static bool IsValid(Block block, ulong height, Hash32 parent)
    {
        var h = block.Header;
        if (h is null || h.ChainId != ChainId || h.Height != height || h.ParentHash.Length != Hash32.Size) return false;
        if (new Hash32(h.ParentHash.Span) != parent || h.StateRoot.Length != Hash32.Size) return false;
        return new Hash32(h.StateRoot.Span) == StateRoot(parent, height, block);
    }

    private static Hash32 StateRoot(Hash32 parent, ulong height, Block block)
    {
        var data = new List<byte>(parent.ToArray());
        Span<byte> h = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(h, height);
        data.AddRange(h.ToArray());
        foreach (var tx in block.Txs) data.AddRange(tx.ToByteArray());
        return Hash32.Sha256(data.ToArray());
    }
}
