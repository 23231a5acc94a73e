using Seratio.Core.Transactions;
using Seratio.Vm.Fees;

namespace Seratio.Vm.Admission.Checks;

/// <summary>
/// The sender can pay. At execution: the balance covers the maximal fee gas_limit × gas_price
/// (<see cref="FeeRule.CoversMaxFee"/>), so charging can never overdraw. At admission: the
/// balance covers this transaction's <see cref="FeeRule.MaxSpend"/> plus what the sender's
/// pending transactions may spend. Stateless; thread safe.
/// </summary>
public sealed class FundsCheck : ITxCheck
{
    public string Name => "funds";
    public TxCheckScopes Scopes => TxCheckScopes.Admission | TxCheckScopes.Execution | TxCheckScopes.Recheck;
    public bool NeedsSender => true;

    public TxCheckResult Check(SignedTx tx, in TxCheckContext context)
    {
        ArgumentNullException.ThrowIfNull(tx);
        var body = tx.Body;
        var sender = context.Sender;
        if (context.Mode == TxCheckMode.Execution)
        {
            if (FeeRule.CoversMaxFee(sender.Balance, body)) return TxCheckResult.Accepted;
            return new(TxCheckOutcome.InsufficientFunds,
                $"balance {sender.Balance} cannot pay gas_limit {body.GasLimit} × gas_price {body.GasPrice} = {FeeRule.MaxFee(body)} (SER base units)");
        }

        const string advice = ". Fund the account or lower the amount or fee";
        if (!FeeRule.TryMaxSpend(tx, out var spend))
            return new(TxCheckOutcome.InsufficientFunds, "this transaction's maximal spend exceeds 2^128-1 base units; no balance can cover it" + advice);
        if (!sender.PendingSpend.TryAdd(spend, out var total) || sender.Balance < total)
            return new(TxCheckOutcome.InsufficientFunds,
                $"balance {sender.Balance} cannot cover this transaction's maximal spend {spend} plus {sender.PendingSpend} of pending transactions (SER base units)" + advice);
        return TxCheckResult.Accepted;
    }
}
