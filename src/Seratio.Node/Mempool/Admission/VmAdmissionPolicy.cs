using Seratio.Core.Addressing;
using Seratio.Core.Chain;
using Seratio.Core.Numerics;
using Seratio.Core.State;
using Seratio.Core.Transactions;
using Seratio.Protocol;
using Seratio.Vm.Admission;
using Seratio.Vm.State;

namespace Seratio.Node.Mempool.Admission;

/// <summary>
/// The admission rules of the Vm, seen through <see cref="IAdmissionPolicy"/>: the only place the
/// pool touches the Vm, so a block and the pool can never disagree on a rule. Stateless; thread safe.
/// </summary>
internal sealed class VmAdmissionPolicy : IAdmissionPolicy
{
    public bool TryValidateMessages(TxBody body, ChainParams parameters, out string reason) =>
        MessageValidation.TryValidate(body, parameters, out _, out reason);

    public AccountSnapshot ReadAccount(IStateReader state, Address address)
    {
        var record = Accounts.ReadRecord(state, address);
        return new AccountSnapshot(record.Nonce, record.Balance);
    }

    public StateCheck Check(AccountSnapshot account, SignedTx tx, ChainParams parameters, ulong nextHeight, Amount pendingSpend)
    {
        // The pool orders nonces itself (it knows what is pending), so the Vm is asked with the
        // transaction's own nonce as the expected one and reports only expiry, fee and funds.
        if (tx.Nonce < account.Nonce)
            return new(AdmitOutcome.NonceTooLow, $"nonce {tx.Nonce} was already used; the account nonce is {account.Nonce}");
        var state = new AccountState { Nonce = account.Nonce, Balance = account.Balance.ToString() };
        var result = AdmissionRules.Check(state, tx, parameters, nextHeight, expectedNonce: tx.Nonce, pendingSpend);
        return result.Outcome switch
        {
            AdmissionOutcome.Accepted => StateCheck.Pass,
            AdmissionOutcome.Expired => new(AdmitOutcome.Expired, result.Reason + ". Sign it again with a later expiry_height (or 0)"),
            AdmissionOutcome.FeeTooLow => new(AdmitOutcome.FeeTooLow, result.Reason + "; raise gas_price"),
            AdmissionOutcome.InsufficientFunds => new(AdmitOutcome.InsufficientFunds, result.Reason + ". Fund the account or lower the amount or fee"),
            AdmissionOutcome.NonceTooLow => new(AdmitOutcome.NonceTooLow, result.Reason),
            AdmissionOutcome.NonceAlreadyPending => new(AdmitOutcome.NonceTaken, result.Reason),
            AdmissionOutcome.NonceGap => new(AdmitOutcome.NonceGap, result.Reason),
            _ => throw new InvalidOperationException($"unknown admission outcome {result.Outcome}"),
        };
    }

    public Amount MaxSpend(SignedTx tx) => AdmissionRules.MaxSpend(tx);
}
