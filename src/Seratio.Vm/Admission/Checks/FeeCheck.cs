using Seratio.Core.Transactions;
using Seratio.Vm.Fees;

namespace Seratio.Vm.Admission.Checks;

/// <summary>
/// gas_price is at least params.min_gas_price (<see cref="FeeRule.MeetsMinGasPrice"/>) and, at
/// admission, at least the node's own floor (<see cref="TxCheckContext.NodeMinGasPrice"/>). It reads
/// no sender, but runs after the nonce check so that execution reports what it always has for a
/// transaction wrong in both. Stateless; thread safe.
/// </summary>
public sealed class FeeCheck : ITxCheck
{
    public string Name => "fee";
    public TxCheckScopes Scopes => TxCheckScopes.Admission | TxCheckScopes.Execution | TxCheckScopes.Recheck;
    public bool NeedsSender => true;

    public TxCheckResult Check(SignedTx tx, in TxCheckContext context)
    {
        ArgumentNullException.ThrowIfNull(tx);
        var body = tx.Body;
        if (FeeRule.MeetsMinGasPrice(body, context.Params))
        {
            if (context.Mode == TxCheckMode.Execution || body.GasPrice >= context.NodeMinGasPrice) return TxCheckResult.Accepted;
            return new(TxCheckOutcome.FeeTooLow,
                $"gas_price {body.GasPrice} is below this node's admission minimum {context.NodeMinGasPrice} (Mempool:MinGasPrice); raise gas_price");
        }
        string reason = $"gas_price {body.GasPrice} is below the minimum {context.Params.MinGasPrice}";
        return new(TxCheckOutcome.FeeTooLow, context.Mode == TxCheckMode.Execution ? reason : reason + "; raise gas_price");
    }
}
