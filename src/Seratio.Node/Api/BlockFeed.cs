using System.Runtime.CompilerServices;
using Seratio.Core.Crypto;
using Seratio.Node.Chain;
using Seratio.Protocol;

namespace Seratio.Node.Api;

/// <summary>A block as streamed: from the store (receipts looked up on demand) or live (receipts at hand). Immutable.</summary>
internal sealed record FeedBlock(Block Block, Hash32 Hash, Commit? Commit, CommittedBlock? Live)
{
    public ulong Height => Block.Header.Height;

    public BlockResponse ToResponse()
    {
        var response = new BlockResponse { Block = Block, BlockHash = Hash.ToByteString() };
        if (Commit is not null) response.Commit = Commit;
        return response;
    }

    /// <summary>Each transaction's hash and receipt, in block order; a receipt missing from the store is skipped.</summary>
    public IEnumerable<(Hash32 TxHash, Receipt Receipt)> Receipts(IChainReader chain)
    {
        if (Live is not null)
        {
            for (int i = 0; i < Live.Txs.Count && i < Live.Receipts.Count; i++)
                yield return (Live.Txs[i].Hash, Live.Receipts[i]);
            yield break;
        }
        foreach (var bytes in Block.Txs)
        {
            var hash = Hashing.Hash(Domains.Tx, Tx.Parser.ParseFrom(bytes).Body.Span);
            if (chain.GetTx(hash) is { } record) yield return (hash, record.Receipt);
        }
    }
}

/// <summary>
/// Stored blocks from a height, then live ones, with no gap and no duplicate across the switch:
/// it subscribes before replaying, skips live blocks already replayed, and fills any hole in the
/// live stream from the store.
/// </summary>
internal static class BlockFeed
{
    /// <param name="fromHeight">First height to send; 0 = the next block to commit.</param>
    public static async IAsyncEnumerable<FeedBlock> From(IChainReader chain, ulong fromHeight, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var live = chain.Subscribe(cancellationToken);
        ulong next = fromHeight == 0 ? chain.Head.Height + 1 : fromHeight;
        while (next <= chain.Head.Height)
        {
            yield return Stored(chain, next);
            next++;
        }
        await foreach (var block in live.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (block.Height < next) continue;
            while (next < block.Height)
            {
                yield return Stored(chain, next);
                next++;
            }
            yield return new FeedBlock(block.Block, block.Hash, block.Commit, block);
            next++;
        }
    }

    private static FeedBlock Stored(IChainReader chain, ulong height)
    {
        var record = chain.GetBlock(height)
            ?? throw ApiErrors.NotFound($"block {height} is no longer stored on this node; start from a later height or ask an archive node");
        return new FeedBlock(record.Block, record.Hash, record.Commit, null);
    }
}
