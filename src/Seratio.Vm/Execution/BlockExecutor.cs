using Seratio.Core.State;
using Seratio.Core.Transactions;
using Seratio.Protocol;
using Seratio.Vm.State;

namespace Seratio.Vm.Execution;

/// <summary>
/// Executes a block against a base state — the begin-block step (validator-set rotation, evidence;
/// <see cref="BeginBlock"/>), then the transactions in order, then the end-block step (the exchange's batches;
/// <see cref="EndBlock"/>) — and returns receipts and the sorted write set, end-block writes included. Pure: the same base state, context and transactions always give the same
/// outcome. Signatures are NOT verified here (they were, once, at admission). The base state
/// is only read. Thread safe: each call has its own overlay; the base must tolerate reads.
/// </summary>
public sealed class BlockExecutor
{
    public BlockOutcome Execute(IStateReader state, BlockContext context, IReadOnlyList<SignedTx> txs)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(txs);

        // Each transfer touches about two accounts; sizing the cache avoids rehashing big blocks.
        var block = new BlockState(state, Math.Min(txs.Count * 2 + 1, 1 << 20));
        BeginBlock.Run(block, context);
        var runner = new TxRunner(block, context);
        var receipts = new Receipt[txs.Count];
        for (int i = 0; i < txs.Count; i++)
            receipts[i] = runner.Run(txs[i] ?? throw new ArgumentException($"transaction {i} is null", nameof(txs)), (uint)i);
        EndBlock.Run(block, context);
        return new BlockOutcome(receipts, block.Changes());
    }
}

/// <summary>Receipts in transaction order and state changes sorted by key (each key once).</summary>
public sealed record BlockOutcome(IReadOnlyList<Receipt> Receipts, IReadOnlyList<StateChange> Changes);
