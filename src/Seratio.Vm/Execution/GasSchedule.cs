using Seratio.Core.Chain;
using Seratio.Protocol;
using Seratio.Vm.Modules;

namespace Seratio.Vm.Execution;

/// <summary>
/// The gas of a transaction: params.GasTxBase + params.GasPerByte × encoded size + the fixed
/// gas of each message's handler (0 for a kind without a handler: it fails without running).
/// Saturates at <see cref="ulong.MaxValue"/> instead of overflowing, so absurd parameters give
/// OUT_OF_GAS, never an exception. Pure; thread safe.
/// </summary>
public static class GasSchedule
{
    public static ulong Intrinsic(ChainParams p, int txBytes)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentOutOfRangeException.ThrowIfNegative(txBytes);
        return Add(p.GasTxBase, Multiply(p.GasPerByte, (ulong)txBytes));
    }

    public static ulong Messages(ChainParams p, TxBody body)
    {
        ArgumentNullException.ThrowIfNull(body);
        ulong gas = 0;
        var msgs = body.Msgs;
        for (int i = 0; i < msgs.Count; i++)
        {
            var handler = MsgHandlers.For(msgs[i].KindCase);
            if (handler is not null) gas = Add(gas, handler.Gas(p));
        }
        return gas;
    }

    /// <summary>The gas a transaction of <paramref name="txBytes"/> bytes with <paramref name="body"/> uses.</summary>
    public static ulong Total(ChainParams p, TxBody body, int txBytes) => Add(Intrinsic(p, txBytes), Messages(p, body));

    private static ulong Add(ulong a, ulong b) => a > ulong.MaxValue - b ? ulong.MaxValue : a + b;

    private static ulong Multiply(ulong a, ulong b)
    {
        UInt128 product = (UInt128)a * b;
        return product > ulong.MaxValue ? ulong.MaxValue : (ulong)product;
    }
}
