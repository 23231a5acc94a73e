using Seratio.Core.Crypto;
using Seratio.Node.Chain;
using Seratio.Node.Mempool.Admission;
using Seratio.Protocol;

namespace Seratio.Node.Api.Queries;

/// <summary>
/// What every module's query service shares: the choice of the state a query reads (the latest or a
/// retained height; OutOfRange above the head, NotFound when no longer retained) and proofs of state
/// keys at that height. Stateless apart from the chain reader; thread safe.
/// </summary>
internal sealed class QueryScope(IChainReader chain)
{
    public IChainReader Chain => chain;

    /// <summary>State at <paramref name="requested"/> (0: the latest); with its block's time when <paramref name="withBlockTime"/>.</summary>
    public StateSnapshot At(ulong requested, bool withBlockTime = false)
    {
        var head = chain.Head.Height;
        ulong height = requested == 0 ? head : requested;
        if (height > head) throw ApiErrors.AboveHead("height", height, head);
        if (height < chain.EarliestStateHeight)
            throw ApiErrors.NotFound(chain.Retention.StatePruned(height, chain.EarliestStateHeight, head));
        var root = chain.StateRootAt(height)
            ?? throw ApiErrors.NotFound($"state of height {height} is no longer retained on this node; ask for a later height or 0 for the latest");
        long time = withBlockTime ? BlockTime(height) : 0;
        return new StateSnapshot(height, root, new ChainStateReader(chain, height), time);
    }

    /// <summary>The proof of <paramref name="key"/> at the snapshot's height, value filled in.</summary>
    public StateProof Prove(Hash32 key, in StateSnapshot at) => chain.Prove(key, at.Height);

    private long BlockTime(ulong height) =>
        height == 0
            ? chain.Genesis.GenesisTimeUnixMs
            : (chain.GetBlock(height) ?? throw ApiErrors.BlockGone(chain, height))
                .Block.Header.TimeUnixMs;
}
