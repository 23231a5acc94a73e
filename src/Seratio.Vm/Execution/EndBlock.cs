using Seratio.Vm.State;

namespace Seratio.Vm.Execution;

/// <summary>
/// The step that runs after a block's transactions: the exchange's batches (<see cref="Modules.Exchange.ExchangeBatch"/>:
/// expiries, frozen lots, one auction per market with new orders, the block's transient counters removed). Its writes are
/// part of the block's changes. Stateless; thread safe.
/// </summary>
internal static class EndBlock
{
    public static void Run(IStateView state, BlockContext context) => Modules.Exchange.ExchangeBatch.Run(state, context);
}
