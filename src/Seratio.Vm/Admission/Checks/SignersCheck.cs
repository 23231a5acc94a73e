using Seratio.Core.Crypto;
using Seratio.Core.Transactions;
using Seratio.Protocol;

namespace Seratio.Vm.Admission.Checks;

/// <summary>
/// The signer keys may act for the sender (docs/modules/organisations.md, "Signing"). A key's
/// account takes exactly one signature, by its own key (the decoder's fast path,
/// <see cref="SignedTx.SignedBySenderKey"/>, needs no state). An organisation account
/// (<see cref="SenderView.Organisation"/>) takes signatures by keys on its list only, each distinct
/// key counted once, at least its threshold of them. Runs at admission, at execution and on the
/// pool's re-check, so a key rotation committed between admission and inclusion is honoured.
/// Whether each signature verifies is <see cref="SignatureCheck"/>'s question. Stateless; thread safe.
/// </summary>
public sealed class SignersCheck : ITxCheck
{
    public string Name => "signers";
    public TxCheckScopes Scopes => TxCheckScopes.Admission | TxCheckScopes.Execution | TxCheckScopes.Recheck;
    public bool NeedsSender => true;

    public TxCheckResult Check(SignedTx tx, in TxCheckContext context)
    {
        ArgumentNullException.ThrowIfNull(tx);
        if (tx.SignedBySenderKey) return TxCheckResult.Accepted;
        var organisation = context.Sender.Organisation;
        return organisation is null ? KeyAccount(tx) : Organisation(tx, organisation);
    }

    private static TxCheckResult KeyAccount(SignedTx tx)
    {
        if (tx.Signers.Count == 1)
            return new(TxCheckOutcome.BadSignature,
                $"signer key belongs to {tx.Signers[0].ToAddress()}, not to the sender {tx.Sender}; sign with the sender's key");
        return new(TxCheckOutcome.BadSignature,
            $"the sender {tx.Sender} is a key's account, not an organisation account: it takes exactly one signature, by its own key; "
            + $"this transaction carries {tx.Signers.Count}");
    }

    private static TxCheckResult Organisation(SignedTx tx, MultisigAccountState account)
    {
        var keys = new PublicKey[account.PublicKeys.Count];
        for (int i = 0; i < keys.Length; i++) keys[i] = new PublicKey(account.PublicKeys[i].Span);
        var signed = new bool[keys.Length];
        List<PublicKey>? foreign = null;
        int distinct = 0;
        foreach (var signer in tx.Signers)
        {
            int at = Array.IndexOf(keys, signer);
            if (at < 0)
            {
                foreign ??= [];
                if (!foreign.Contains(signer)) foreign.Add(signer);
            }
            else if (!signed[at])
            {
                signed[at] = true;
                distinct++;
            }
        }
        if (foreign is not null)
            return new(TxCheckOutcome.SignaturesMissing,
                $"{(foreign.Count == 1 ? "key" : "keys")} {string.Join(", ", foreign)} {(foreign.Count == 1 ? "is" : "are")} not on the list of organisation account {tx.Sender} "
                + $"({keys.Length} keys); sign only with its keys (seratio account show {tx.Sender})");
        if (distinct >= account.Threshold) return TxCheckResult.Accepted;
        var missing = new List<PublicKey>(keys.Length - distinct);
        for (int i = 0; i < keys.Length; i++)
            if (!signed[i]) missing.Add(keys[i]);
        return new(TxCheckOutcome.SignaturesMissing,
            $"organisation account {tx.Sender} needs {account.Threshold} signatures of its {keys.Length} keys, has {distinct}"
            + (tx.Signers.Count > distinct ? $" (a key signing twice counts once; {tx.Signers.Count} signatures)" : "")
            + $"; missing: {account.Threshold - distinct} more of the keys {string.Join(", ", missing)}");
    }
}
