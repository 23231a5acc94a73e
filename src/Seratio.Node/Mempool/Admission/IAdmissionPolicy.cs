using Seratio.Core.Addressing;
using Seratio.Core.Numerics;
using Seratio.Core.State;
using Seratio.Core.Transactions;

namespace Seratio.Node.Mempool.Admission;

/// <summary>
/// The pool's seam to the Vm's state and fee rule: reading an account and what a transaction may
/// spend. The rules themselves are the Vm's ordered checks (<see cref="Vm.Admission.Checks.TxCheckList"/>).
/// Implementations are pure and thread safe.
/// </summary>
internal interface IAdmissionPolicy
{
    /// <summary>
    /// The sender's nonce and SER balance in <paramref name="state"/> (absent = nonce 0, balance 0) and, when
    /// <paramref name="organisation"/>, its organisation account (null when it is a key's account). An
    /// address never changes kind, so a caller that knows it is a key's (a transaction signed by its key) skips that read.
    /// </summary>
    AccountSnapshot ReadAccount(IStateReader state, Address address, bool organisation = true);

    /// <summary>The most SER <paramref name="tx"/> can take from its sender: gas_limit × gas_price plus SER transferred (saturating).</summary>
    Amount MaxSpend(SignedTx tx);

    /// <summary>How many open (resting or pending) orders <paramref name="owner"/> has in market <paramref name="marketId"/> in <paramref name="state"/>.</summary>
    uint OpenOrders(IStateReader state, Address owner, ulong marketId);
}

/// <summary>An account as admission sees it: nonce, balance and, for an organisation account, its keys and threshold. Immutable.</summary>
internal readonly record struct AccountSnapshot(ulong Nonce, Amount Balance, Protocol.MultisigAccountState? Organisation = null);
