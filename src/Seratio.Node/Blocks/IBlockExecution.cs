using Seratio.Core.State;
using Seratio.Core.Transactions;
using Seratio.Vm.Execution;

namespace Seratio.Node.Blocks;

/// <summary>
/// Executes a block's transactions: the seam between block production and the Vm, so that
/// production can be tested with a small deterministic executor. Must be pure (same state,
/// context and transactions give the same outcome). Implementations say if they are thread safe.
/// </summary>
public interface IBlockExecution
{
    BlockOutcome Execute(IStateReader state, BlockContext context, IReadOnlyList<SignedTx> txs);
}

/// <summary>The default <see cref="IBlockExecution"/>: Seratio.Vm's <see cref="BlockExecutor"/>.</summary>
public sealed class VmBlockExecution(BlockExecutor executor) : IBlockExecution
{
    public BlockOutcome Execute(IStateReader state, BlockContext context, IReadOnlyList<SignedTx> txs) =>
        executor.Execute(state, context, txs);
}
