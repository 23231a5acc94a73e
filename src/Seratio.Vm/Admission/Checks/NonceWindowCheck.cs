using Seratio.Core.Transactions;

namespace Seratio.Vm.Admission.Checks;

/// <summary>
/// The one judge of a nonce. The account nonce must not be exhausted and the transaction's nonce
/// must not be used; at admission it must not be held by another pending transaction and may be
/// at most <see cref="SenderView.NonceWindow"/> - 1 beyond the next free nonce (the pool parks
/// it until the gap fills); at execution (window 1, nothing pending) it must be the account nonce.
/// Stateless; thread safe.
/// </summary>
public sealed class NonceWindowCheck : ITxCheck
{
    public string Name => "nonce-window";
    public TxCheckScopes Scopes => TxCheckScopes.Admission | TxCheckScopes.Execution;
    public bool NeedsSender => true;

    public TxCheckResult Check(SignedTx tx, in TxCheckContext context)
    {
        ArgumentNullException.ThrowIfNull(tx);
        var sender = context.Sender;
        ulong nonce = tx.Nonce;
        if (sender.Nonce == ulong.MaxValue)
            return new(TxCheckOutcome.NonceTooLow, "the account nonce is exhausted; this account can send no more transactions");
        if (context.Mode == TxCheckMode.Execution)
        {
            if (nonce == sender.Nonce) return TxCheckResult.Accepted;
            return new(nonce < sender.Nonce ? TxCheckOutcome.NonceTooLow : TxCheckOutcome.NonceGap,
                $"nonce {nonce} is not the account nonce {sender.Nonce}");
        }

        ulong next = sender.NextFreeNonce;
        if (nonce < sender.Nonce)
            return new(TxCheckOutcome.NonceTooLow, $"nonce {nonce} already used; next is {next}");
        if (sender.NonceHolder is { } holder)
            return new(TxCheckOutcome.NonceTaken,
                $"nonce {nonce} is already taken by pending transaction {holder}; next free nonce is {next}");
        if (nonce > next && nonce - next >= (ulong)sender.NonceWindow)
            return new(TxCheckOutcome.NonceGap,
                $"nonce {nonce} is too far ahead: the next nonce this node expects is {next} and it holds at most {sender.NonceWindow - 1} beyond it; submit nonces {next}..{nonce - 1} first");
        return TxCheckResult.Accepted;
    }
}
