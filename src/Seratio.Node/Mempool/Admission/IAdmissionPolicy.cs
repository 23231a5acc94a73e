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
    /// <summary>The sender's nonce and SER balance in <paramref name="state"/> (absent = nonce 0, balance 0).</summary>
    AccountSnapshot ReadAccount(IStateReader state, Address address);

    /// <summary>The most SER <paramref name="tx"/> can take from its sender: gas_limit × gas_price plus SER transferred (saturating).</summary>
    Amount MaxSpend(SignedTx tx);

    /// <summary>How many open (resting or pending) orders <paramref name="owner"/> has in market <paramref name="marketId"/> in <paramref name="state"/>.</summary>
    uint OpenOrders(IStateReader state, Address owner, ulong marketId);
}

/// <summary>An account as admission sees it. Immutable.</summary>
internal readonly record struct AccountSnapshot(ulong Nonce, Amount Balance);
