using Seratio.Core.Addressing;
using Seratio.Core.Chain;
using Seratio.Core.Numerics;
using Seratio.Core.State;
using Seratio.Core.Transactions;
using Seratio.Protocol;

namespace Seratio.Node.Mempool.Admission;

/// <summary>
/// The pool's one seam to the Vm's rules: stateless message validation, reading an account,
/// and the expiry / fee / funds checks. Nonce ordering is the pool's own business (it knows the
/// pending transactions). Implementations are pure and thread safe.
/// </summary>
internal interface IAdmissionPolicy
{
    /// <summary>Checks every message of <paramref name="body"/> without state; false with a reason on the first bad field.</summary>
    bool TryValidateMessages(TxBody body, ChainParams parameters, out string reason);

    /// <summary>The sender's nonce and SER balance in <paramref name="state"/> (absent = nonce 0, balance 0).</summary>
    AccountSnapshot ReadAccount(IStateReader state, Address address);

    /// <summary>
    /// Expiry, fee and funds of <paramref name="tx"/> for inclusion at <paramref name="nextHeight"/>,
    /// given what the sender's other pending transactions may spend.
    /// </summary>
    StateCheck Check(AccountSnapshot account, SignedTx tx, ChainParams parameters, ulong nextHeight, Amount pendingSpend);

    /// <summary>The most SER <paramref name="tx"/> can take from its sender: gas_limit × gas_price plus SER transferred (saturating).</summary>
    Amount MaxSpend(SignedTx tx);
}

/// <summary>An account as admission sees it. Immutable.</summary>
internal readonly record struct AccountSnapshot(ulong Nonce, Amount Balance);

/// <summary>The verdict of <see cref="IAdmissionPolicy.Check"/>; <see cref="AdmitOutcome.Accepted"/> when it passes.</summary>
internal readonly record struct StateCheck(AdmitOutcome Outcome, string Reason)
{
    public static readonly StateCheck Pass = new(AdmitOutcome.Accepted, "");
}
