using Seratio.Core.Chain;
using Seratio.Core.Numerics;
using Seratio.Core.Transactions;
using Seratio.Protocol;
using Seratio.Vm.Fees;
using Seratio.Vm.State;

namespace Seratio.Vm.Admission;

/// <summary>
/// The mempool's check of a transaction against the latest state and the account's pending
/// transactions. It reports; the mempool decides (e.g. its nonce window or replacement policy).
/// Pure; thread safe.
/// </summary>
public static class AdmissionRules
{
    /// <param name="account">The sender's account in the latest committed state.</param>
    /// <param name="nextHeight">Height of the next block, the earliest that could include the transaction.</param>
    /// <param name="expectedNonce">State nonce + number of the account's pending transactions.</param>
    /// <param name="pendingSpend">Sum of <see cref="MaxSpend"/> over the account's pending transactions.</param>
    public static AdmissionResult Check(AccountState account, SignedTx tx, ChainParams p, ulong nextHeight, ulong expectedNonce, Amount pendingSpend)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(p);
        if (expectedNonce < account.Nonce)
            throw new ArgumentOutOfRangeException(nameof(expectedNonce), expectedNonce, "expected nonce is below the account nonce");
        var body = tx.Body;
        if (body.ExpiryHeight != 0 && body.ExpiryHeight < nextHeight)
            return new(AdmissionOutcome.Expired, $"transaction expired at height {body.ExpiryHeight}; the next block is {nextHeight}");
        if (body.Nonce < account.Nonce)
            return new(AdmissionOutcome.NonceTooLow, $"nonce {body.Nonce} was already used; the account nonce is {account.Nonce}");
        if (body.Nonce < expectedNonce)
            return new(AdmissionOutcome.NonceAlreadyPending,
                $"a pending transaction already uses nonce {body.Nonce}; the next free nonce is {expectedNonce}");
        if (body.Nonce > expectedNonce)
            return new(AdmissionOutcome.NonceGap,
                $"nonce {body.Nonce} leaves a gap; the next nonce of this account is {expectedNonce}");
        if (!FeeRule.MeetsMinGasPrice(body, p))
            return new(AdmissionOutcome.FeeTooLow, $"gas_price {body.GasPrice} is below the minimum {p.MinGasPrice}");
        var balance = Accounts.BalanceOf(account);
        if (!FeeRule.TryMaxSpend(tx, out var spend))
            return new(AdmissionOutcome.InsufficientFunds, "this transaction's maximal spend exceeds 2^128-1 base units; no balance can cover it");
        if (!pendingSpend.TryAdd(spend, out var total) || balance < total)
            return new(AdmissionOutcome.InsufficientFunds,
                $"balance {balance} cannot cover this transaction's maximal spend {spend} plus {pendingSpend} of pending transactions (SER base units)");
        return AdmissionResult.Accepted;
    }

    /// <inheritdoc cref="FeeRule.MaxSpend"/>
    public static Amount MaxSpend(SignedTx tx) => FeeRule.MaxSpend(tx);

    /// <summary>The receipt code that matches a refusal, for callers that report codes.</summary>
    public static ResultCode ToResultCode(AdmissionOutcome outcome) => outcome switch
    {
        AdmissionOutcome.Accepted => ResultCode.Ok,
        AdmissionOutcome.Expired => ResultCode.Expired,
        AdmissionOutcome.NonceTooLow or AdmissionOutcome.NonceAlreadyPending or AdmissionOutcome.NonceGap => ResultCode.BadNonce,
        AdmissionOutcome.FeeTooLow => ResultCode.FeeTooLow,
        AdmissionOutcome.InsufficientFunds => ResultCode.InsufficientFunds,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };
}
