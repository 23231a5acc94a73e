using Seratio.Core.Transactions;

namespace Seratio.Vm.Admission.Checks;

/// <summary>
/// expiry_height, when set (not 0), is at or above the height of the block that would include
/// the transaction. Deterministic: heights only, no clock. Stateless; thread safe.
/// </summary>
public sealed class ExpiryCheck : ITxCheck
{
    public string Name => "expiry";
    public TxCheckScopes Scopes => TxCheckScopes.Admission | TxCheckScopes.Execution | TxCheckScopes.Recheck;
    public bool NeedsSender => false;

    public TxCheckResult Check(SignedTx tx, in TxCheckContext context)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ulong expiry = tx.Body.ExpiryHeight;
        if (expiry == 0 || expiry >= context.Height) return TxCheckResult.Accepted;
        return new(TxCheckOutcome.Expired, context.Mode == TxCheckMode.Execution
            ? $"transaction expired at height {expiry}; the block is at height {context.Height}"
            : $"transaction expired at height {expiry}; the next block is {context.Height}. Sign it again with a later expiry_height (or 0)");
    }
}
