using Seratio.Core.Transactions;

namespace Seratio.Vm.Admission.Checks;

/// <summary>
/// Every message has a handler and passes its format rules, and gas_limit covers the least gas
/// the transaction needs (<see cref="MessageValidation"/>, <see cref="Fees.FeeRule.MinimalGas"/>; with several
/// signatures, the gas of its actual size).
/// Admission only: in a block a transaction short of gas is charged its gas_limit and fails
/// OUT_OF_GAS (<see cref="Fees.FeeRule.Charge"/>). Stateless; thread safe.
/// </summary>
public sealed class MessageFieldsCheck : ITxCheck
{
    public string Name => "message-fields";
    public TxCheckScopes Scopes => TxCheckScopes.Admission;
    public bool NeedsSender => false;

    public TxCheckResult Check(SignedTx tx, in TxCheckContext context)
    {
        ArgumentNullException.ThrowIfNull(tx);
        if (!MessageValidation.TryValidate(tx.Body, context.Params, out _, out var reason)) return new(TxCheckOutcome.InvalidField, reason);
        if (tx.Signers.Count > 1)
        {
            // MessageValidation assumes one signature; each further one adds its bytes to the gas the transaction uses.
            ulong needed = Execution.GasSchedule.Total(context.Params, tx.Body, tx.Size);
            if (tx.Body.GasLimit < needed)
                return new(TxCheckOutcome.InvalidField,
                    $"gas_limit {tx.Body.GasLimit} is below the {needed} gas this transaction needs with its {tx.Signers.Count} signatures; raise gas_limit");
        }
        return TxCheckResult.Accepted;
    }
}
