using Seratio.Core.Transactions;

namespace Seratio.Vm.Admission.Checks;

/// <summary>
/// Every message has a handler and passes its format rules, and gas_limit covers the least gas
/// the transaction needs (<see cref="MessageValidation"/>, <see cref="Fees.FeeRule.MinimalGas"/>).
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
        return MessageValidation.TryValidate(tx.Body, context.Params, out _, out var reason)
            ? TxCheckResult.Accepted
            : new(TxCheckOutcome.InvalidField, reason);
    }
}
