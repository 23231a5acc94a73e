using Seratio.Core.State;
using Seratio.Core.Transactions;
using Seratio.Protocol;

namespace Seratio.Vm.Execution;

/// <summary>
/// Executes a block's transactions in order against a base state and returns receipts and the
/// sorted write set. Pure: the same base state, context and transactions always give the same
/// outcome. Signatures are NOT verified here (they were, once, at admission).
/// CONTRACT ONLY — implementation pending (issue 2, Vm work).
/// </summary>
public sealed class BlockExecutor
{
    public BlockOutcome Execute(IStateReader state, BlockContext context, IReadOnlyList<SignedTx> txs) =>
        throw new NotImplementedException();
}

/// <summary>Receipts in transaction order and state changes sorted by key (each key once).</summary>
public sealed record BlockOutcome(IReadOnlyList<Receipt> Receipts, IReadOnlyList<StateChange> Changes);
