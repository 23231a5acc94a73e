using Seratio.Vm.State;

namespace Seratio.Vm.Execution;

/// <summary>
/// The step that runs after a block's transactions, in this order: the DAF's proposals
/// (<see cref="Modules.Daf.DafEndBlock"/>: lapses, tallies, executions after the timelock), then the exchange's batches
/// (<see cref="Modules.Exchange.ExchangeBatch"/>: expiries, frozen lots, one auction per market with new orders, the
/// block's transient counters removed; fees reach the DAF's treasury), then conviction grants
/// (<see cref="Modules.Grants.GrantsEndBlock"/>: checks due, payouts, expiries). Its writes are part of the block's
/// changes. Stateless; thread safe.
/// </summary>
internal static class EndBlock
{
    public static void Run(IStateView state, BlockContext context)
    {
        // Proposals run before the batch: a proposal that halts a market or places or cancels an order from the
        // treasury acts like a transaction of this block, and the batch then clears and removes its transient keys.
        Modules.Daf.DafEndBlock.Run(state, context);
        Modules.Exchange.ExchangeBatch.Run(state, context);
        Modules.Grants.GrantsEndBlock.Run(state, context);
    }
}
