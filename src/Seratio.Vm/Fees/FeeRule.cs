using Google.Protobuf;
using Seratio.Core.Chain;
using Seratio.Core.Numerics;
using Seratio.Core.Transactions;
using Seratio.Protocol;
using Seratio.Vm.Execution;
using Seratio.Vm.Modules;

namespace Seratio.Vm.Fees;

/// <summary>
/// The fee rule, in one place (docs/transactions.md, "Fees"): a transaction offers gas_price
/// ≥ params.min_gas_price and a gas_limit ≥ the gas it needs at least (<see cref="MinimalGas"/>);
/// the sender must hold the maximal fee gas_limit × gas_price before it runs; it is charged
/// min(gas used, gas_limit) × gas_price, which goes to the proposer. The mempool also wants the
/// balance to cover <see cref="MaxSpend"/> (the maximal fee plus the SER the messages move) for
/// all of a sender's pending transactions. Pure; thread safe.
/// </summary>
public static class FeeRule
{
    /// <summary>
    /// Bytes of the one signature entry of a Tx: field tag, length, then the public key field
    /// (tag, length, 32 bytes) and the signature field (tag, length, 64 bytes).
    /// </summary>
    private const int SignatureEntryBytes = 1 + 1 + (1 + 1 + 32) + (1 + 1 + 64);

    /// <summary>True when gas_price is at least params.min_gas_price.</summary>
    public static bool MeetsMinGasPrice(TxBody body, ChainParams p)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(p);
        return body.GasPrice >= p.MinGasPrice;
    }

    /// <summary>The gas a transaction with <paramref name="body"/> and one signature uses (the least; each further signature adds its bytes).</summary>
    public static ulong MinimalGas(TxBody body, ChainParams p)
    {
        ArgumentNullException.ThrowIfNull(body);
        int bodySize = body.CalculateSize();
        int envelope = 1 + CodedOutputStream.ComputeLengthSize(bodySize) + bodySize + SignatureEntryBytes;
        return GasSchedule.Total(p, body, envelope);
    }

    /// <summary>The most a transaction can pay in fees: gas_limit × gas_price (cannot overflow UInt128).</summary>
    public static Amount MaxFee(TxBody body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return new Amount((UInt128)body.GasLimit * body.GasPrice);
    }

    /// <summary>True when <paramref name="balance"/> pays <see cref="MaxFee"/>: what execution asks before it charges anything.</summary>
    public static bool CoversMaxFee(Amount balance, TxBody body) => balance >= MaxFee(body);

    /// <summary>
    /// The most SER <paramref name="tx"/> can take from its sender: gas_limit × gas_price plus
    /// the SER its messages move. Saturates at <see cref="Amount.MaxValue"/>.
    /// </summary>
    public static Amount MaxSpend(SignedTx tx) => TryMaxSpend(tx, out var spend) ? spend : Amount.MaxValue;

    /// <summary><see cref="MaxSpend"/>; false when it exceeds 2^128-1 (no balance can cover it).</summary>
    public static bool TryMaxSpend(SignedTx tx, out Amount spend)
    {
        ArgumentNullException.ThrowIfNull(tx);
        spend = MaxFee(tx.Body);
        var msgs = tx.Body.Msgs;
        for (int i = 0; i < msgs.Count; i++)
        {
            var handler = MsgHandlers.For(msgs[i].KindCase);
            if (handler is null) continue;
            if (!spend.TryAdd(handler.MaxSerSpend(msgs[i]), out var sum)) return false;
            spend = sum;
        }
        return true;
    }

    /// <summary>
    /// What a transaction of <paramref name="txBytes"/> bytes that passed the pre-checks is charged:
    /// its gas by <see cref="GasSchedule"/>, capped at gas_limit (then it is out of gas), times gas_price.
    /// The fee never exceeds <see cref="MaxFee"/>.
    /// </summary>
    public static FeeCharge Charge(ChainParams p, TxBody body, int txBytes)
    {
        ArgumentNullException.ThrowIfNull(body);
        ulong gas = GasSchedule.Total(p, body, txBytes);
        ulong charged = gas > body.GasLimit ? body.GasLimit : gas;
        return new FeeCharge(gas, charged, new Amount((UInt128)charged * body.GasPrice));
    }
}

/// <summary>
/// The charge of one transaction: the gas it needs, the gas charged (≤ gas_limit) and the fee.
/// Invariant: <see cref="GasCharged"/> ≤ <see cref="Gas"/>. Immutable.
/// </summary>
public readonly record struct FeeCharge(ulong Gas, ulong GasCharged, Amount Fee)
{
    /// <summary>The transaction needs more gas than its gas_limit: it is charged the whole limit and its messages do not run.</summary>
    public bool OutOfGas => Gas > GasCharged;
}
