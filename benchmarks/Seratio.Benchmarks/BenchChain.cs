using Seratio.Core.Crypto;
using Seratio.Core.State;
using Seratio.Core.Transactions;
using Seratio.Protocol;
using Seratio.Vm.Execution;

namespace Seratio.Benchmarks;

/// <summary>
/// What the module benchmarks share to set up a chain in memory: a dictionary-backed state reader, signing a
/// transaction of messages, and executing a setup block that must succeed whole. Stateless; thread safe (the
/// dictionaries it is given are not).
/// </summary>
internal static class BenchChain
{
    /// <summary>Signs one transaction of <paramref name="msgs"/> with <paramref name="gasPerMessage"/> gas each.</summary>
    public static SignedTx Sign(string chainId, SigningKey key, ulong nonce, ulong gasPerMessage, params Msg[] msgs)
    {
        var body = new TxBody { ChainId = chainId, Sender = key.Address.ToByteString(), Nonce = nonce, GasLimit = gasPerMessage * (ulong)msgs.Length };
        body.Msgs.Add(msgs);
        TxDecoder.TryDecode(TxDecoder.Sign(body, key), chainId, TxDecoder.MaxTxBytes, out var tx, out var error);
        return tx ?? throw new InvalidOperationException(error);
    }

    /// <summary>Executes a setup block, throws unless every receipt is OK, and applies its changes to <paramref name="state"/>.</summary>
    public static BlockOutcome Apply(BlockExecutor executor, Dictionary<Hash32, byte[]> state, BlockContext context, IReadOnlyList<SignedTx> txs)
    {
        var outcome = executor.Execute(new Reader(state), context, txs);
        if (outcome.Receipts.FirstOrDefault(r => r.Code != ResultCode.Ok) is { } failed)
            throw new InvalidOperationException($"benchmark setup failed at height {context.Height}: {failed.Code} {failed.Log}");
        ApplyChanges(state, outcome);
        return outcome;
    }

    /// <summary>Writes a block's changes into <paramref name="state"/> (null deletes).</summary>
    public static void ApplyChanges(Dictionary<Hash32, byte[]> state, BlockOutcome outcome)
    {
        foreach (var change in outcome.Changes)
            if (change.Value is null) state.Remove(change.Key);
            else state[change.Key] = change.Value;
    }

    /// <summary>A state reader over a dictionary.</summary>
    public sealed class Reader(Dictionary<Hash32, byte[]> state) : IStateReader
    {
        public byte[]? Get(in Hash32 key) => state.TryGetValue(key, out var value) ? value : null;
    }
}
