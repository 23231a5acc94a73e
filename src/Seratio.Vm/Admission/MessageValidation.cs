using Seratio.Core.Chain;
using Seratio.Protocol;
using Seratio.Vm.Fees;
using Seratio.Vm.Modules;

namespace Seratio.Vm.Admission;

/// <summary>
/// Stateless checks of a transaction body that the mempool runs before touching state: every
/// message has a handler and passes its format rules, and gas_limit covers the least gas the
/// transaction can use (<see cref="FeeRule.MinimalGas"/>). Pure; thread safe.
/// </summary>
public static class MessageValidation
{
    public static bool TryValidate(TxBody body, ChainParams p, out ResultCode code, out string reason)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(p);
        code = ResultCode.Ok;
        reason = "";
        if (body.Msgs.Count == 0)
            return Fail(ResultCode.InvalidMsg, "transaction has no messages", out code, out reason);
        for (int i = 0; i < body.Msgs.Count; i++)
        {
            var msg = body.Msgs[i];
            var handler = MsgHandlers.For(msg.KindCase);
            if (handler is null)
                return Fail(ResultCode.InvalidMsg, $"message {i} has no known kind ({msg.KindCase})", out code, out reason);
            var result = handler.Validate(msg, p);
            if (!result.IsOk)
                return Fail(result.Code, $"message {i} ({handler.Name}): {result.Log}", out code, out reason);
        }
        ulong minimal = FeeRule.MinimalGas(body, p);
        if (body.GasLimit < minimal)
            return Fail(ResultCode.OutOfGas,
                $"gas_limit {body.GasLimit} is below the {minimal} gas this transaction needs at least; raise gas_limit",
                out code, out reason);
        return true;
    }

    private static bool Fail(ResultCode failure, string why, out ResultCode code, out string reason)
    {
        code = failure;
        reason = why;
        return false;
    }
}
