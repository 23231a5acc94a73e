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
/// Stored blocks from a height, then live ones, with no gap and no duplicate across the switch.
/// The replay is paced by the stream's <see cref="StreamLease"/> in small batches and gives its thread
/// back between them, so any number of replays cannot starve the node; it subscribes only once it has
/// caught up (a long replay would otherwise overflow the live queue), replays again what committed
/// meanwhile, skips live blocks already replayed and fills any hole in the live stream from the store.
/// Every step observes the cancellation token. Stateless.
/// </summary>
internal static class BlockFeed
{
    /// <param name="fromHeight">First height to send; 0 = the next block to commit.</param>
    public static async IAsyncEnumerable<FeedBlock> From(IChainReader chain, ulong fromHeight, StreamLease lease,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ulong next = fromHeight == 0 ? chain.Head.Height + 1 : fromHeight;
        await foreach (var block in Replay(chain, next, lease, cancellationToken).ConfigureAwait(false))
        {
            yield return block;
            next = block.Height + 1;
        }
        // Subscribed now: a block committed from here on arrives live; one committed during the replay
        // above is in the store, so replay again to the head before following.
        var live = chain.Subscribe(cancellationToken);
        await foreach (var block in Replay(chain, next, lease, cancellationToken).ConfigureAwait(false))
        {
            yield return block;
            next = block.Height + 1;
        }
        await foreach (var block in live.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (block.Height < next) continue;
            while (next < block.Height)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return Stored(chain, next);
                next++;
            }
            yield return new FeedBlock(block.Block, block.Hash, block.Commit, block);
            next++;
        }
    }

    /// <summary>Stored blocks from <paramref name="next"/> to the head (read again after each batch), paced by the lease.</summary>
    private static async IAsyncEnumerable<FeedBlock> Replay(IChainReader chain, ulong next, StreamLease lease,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ulong head;
        while (next <= (head = chain.Head.Height))
        {
            int batch = (int)Math.Min(StreamLimiter.ReplayBatch, head - next + 1);
            await lease.PaceAsync(batch, cancellationToken).ConfigureAwait(false);
            for (int i = 0; i < batch; i++, next++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return Stored(chain, next);
            }
        }
    }

    private static FeedBlock Stored(IChainReader chain, ulong height)
    {
        var record = chain.GetBlock(height)
            ?? throw ApiErrors.BlockGone(chain, height);
        return new FeedBlock(record.Block, record.Hash, record.Commit, null);
    }
}
