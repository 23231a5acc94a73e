using Seratio.Core.Chain;
using Seratio.Core.Numerics;
using Seratio.Protocol;
using Seratio.Vm.Fees;
using Seratio.Vm.Modules;
using Seratio.Vm.State;

namespace Seratio.Vm.Execution;

/// <summary>
/// The checks a transaction passes before it costs anything: expiry, nonce, gas price and the
/// sender's ability to pay the whole gas limit. A failure changes no state and charges no fee.
/// Pure; thread safe.
/// </summary>
public static class PreCheck
{
    /// <summary>OK, or the code and a log saying what to change.</summary>
    public static MsgResult Run(TxBody body, AccountRecord sender, ulong height, ChainParams p)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(p);
        if (body.ExpiryHeight != 0 && body.ExpiryHeight < height)
            return new(ResultCode.Expired, $"transaction expired at height {body.ExpiryHeight}; the block is at height {height}");
        if (sender.Nonce == ulong.MaxValue)
            return new(ResultCode.BadNonce, "the account nonce is exhausted; this account can send no more transactions");
        if (body.Nonce != sender.Nonce)
            return new(ResultCode.BadNonce, $"nonce {body.Nonce} is not the account nonce {sender.Nonce}");
        if (!FeeRule.MeetsMinGasPrice(body, p))
            return new(ResultCode.FeeTooLow, $"gas_price {body.GasPrice} is below the minimum {p.MinGasPrice}");
        var maxFee = FeeRule.MaxFee(body);
        if (!FeeRule.CoversMaxFee(sender.Balance, body))
            return new(ResultCode.InsufficientFunds,
                $"balance {sender.Balance} cannot pay gas_limit {body.GasLimit} × gas_price {body.GasPrice} = {maxFee} (SER base units)");
        return MsgResult.Ok;
    }
}
