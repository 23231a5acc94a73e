using Seratio.Node.Chain;
using Seratio.Protocol;

namespace Seratio.Node.Api.Queries;

/// <summary>
/// The chain's blocks as the API serves them: one block by height or hash (GetBlock), and pages of block summaries
/// newest first (ListBlocks). Reads the block store only, never state. Stateless apart from the chain; thread safe.
/// </summary>
internal sealed class BlockQueryService(IChainReader chain)
{
    private readonly IChainReader _chain = chain;

    public BlockResponse GetBlock(GetBlockRequest request)
    {
        BlockRecord? record;
        if (request.SelectorCase == GetBlockRequest.SelectorOneofCase.Hash)
        {
            var hash = ApiErrors.RequireHash(request.Hash, "hash");
            record = _chain.GetBlock(hash) ?? throw ApiErrors.NotFound($"no block with hash {hash} on this chain; check the hash or ask by height");
        }
        else
        {
            var head = _chain.Head.Height;
            ulong height = request.SelectorCase == GetBlockRequest.SelectorOneofCase.Height && request.Height != 0 ? request.Height : head;
            if (height == 0) throw ApiErrors.NotFound("no block has been committed yet (the chain is at its genesis state); retry after the first block");
            if (height > head) throw ApiErrors.AboveHead("height", height, head);
            record = _chain.GetBlock(height) ?? throw ApiErrors.BlockGone(_chain, height);
        }
        var response = new BlockResponse { Block = record.Block, BlockHash = record.Hash.ToByteString() };
        if (record.Commit is not null) response.Commit = record.Commit;
        return response;
    }

    /// <summary>Default and largest page of <see cref="ListBlocks"/>.</summary>
    public const uint DefaultBlockPage = 20, MaxBlockPage = 100;

    /// <summary>
    /// Summaries of the blocks below <c>before</c>, newest first: reads exactly the page's blocks by height (never
    /// walks the chain), so a page costs the same at the top of a long chain as at its start.
    /// </summary>
    public ListBlocksResponse ListBlocks(ListBlocksRequest request)
    {
        int size = Paging.Size(request.PageSize, DefaultBlockPage, MaxBlockPage);
        var head = _chain.Head.Height;
        if (request.Before > head + 1)
            throw ApiErrors.OutOfRange($"before {request.Before} is above the latest height + 1 ({head + 1}); pass at most {head + 1}, or 0 to start at the latest block");
        ulong top = request.Before == 0 ? head : request.Before - 1;
        ulong earliest = Math.Max(1, _chain.EarliestBlockHeight);
        var response = new ListBlocksResponse { LatestHeight = head };
        if (top == 0) return response;
        if (top < earliest) throw ApiErrors.BlockGone(_chain, top);
        ulong height = top;
        for (int i = 0; i < size && height >= earliest; i++, height--)
        {
            var record = _chain.GetBlock(height);
            if (record is null) { height = earliest - 1; break; } // pruned while we read: the list ends here
            var header = record.Block.Header;
            response.Blocks.Add(new BlockSummary
            {
                Height = height,
                Hash = record.Hash.ToByteString(),
                TimeUnixMs = header.TimeUnixMs,
                Proposer = header.Proposer.Length == Core.Addressing.Address.Size ? new Core.Addressing.Address(header.Proposer.Span).ToString() : "",
                TxCount = header.TxCount,
                EvidenceCount = (uint)record.Block.Evidence.Count,
            });
        }
        response.NextBefore = height >= earliest ? height + 1 : 0;
        return response;
    }
}
