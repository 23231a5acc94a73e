using Seratio.Core.Chain;
using Seratio.Core.State;
using Seratio.Core.Transactions;
using Seratio.Vm.Execution;

namespace Seratio.Vm.Tests.Support;

/// <summary>Block contexts and one-call execution for tests.</summary>
public static class Blocks
{
    public static readonly ChainParams Params = new() { MinGasPrice = 1, GasTxBase = 10_000, GasPerByte = 10, GasTransfer = 5_000 };

    public static BlockContext Context(ulong height = 1, ChainParams? p = null) =>
        new(TxBuilder.ChainId, height, 1_700_000_000_000 + (long)height * 1000, TestKeys.Proposer, p ?? Params);

    public static BlockOutcome Execute(IStateReader state, params SignedTx[] txs) =>
        new BlockExecutor().Execute(state, Context(), txs);

    public static BlockOutcome Execute(IStateReader state, BlockContext context, params SignedTx[] txs) =>
        new BlockExecutor().Execute(state, context, txs);

    /// <summary>Executes and applies the changes to <paramref name="state"/>.</summary>
    public static BlockOutcome ExecuteAndApply(MemoryState state, params SignedTx[] txs)
    {
        var outcome = Execute(state, txs);
        state.Apply(outcome.Changes);
        return outcome;
    }

    /// <summary>The gas a transaction uses under <see cref="Params"/>, from first principles.</summary>
    public static ulong ExpectedGas(SignedTx tx, ChainParams? p = null)
    {
        p ??= Params;
        return p.GasTxBase + p.GasPerByte * (ulong)tx.Size + p.GasTransfer * (ulong)tx.Body.Msgs.Count;
    }
}
