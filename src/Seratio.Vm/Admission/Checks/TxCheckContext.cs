using Seratio.Core.Chain;
using Seratio.Core.Crypto;
using Seratio.Core.Numerics;
using Seratio.Protocol;
using Seratio.Vm.State;

namespace Seratio.Vm.Admission.Checks;

/// <summary>Who asks: the mempool (reasons add what to do next) or block execution (reasons as receipts have always logged them).</summary>
public enum TxCheckMode
{
    Admission,
    Execution,
}

/// <summary>
/// What a check may look at besides the transaction. <see cref="Height"/> is the height of the
/// block that would include it (the next one at admission, the block's own at execution); there
/// is no clock. <see cref="Sender"/> is meaningful only for checks that declare
/// <see cref="ITxCheck.NeedsSender"/>. <see cref="NodeMinGasPrice"/> is a node's own admission
/// floor (the mempool's Mempool:MinGasPrice), never part of consensus: execution leaves it 0. Immutable.
/// </summary>
public readonly record struct TxCheckContext(TxCheckMode Mode, string ChainId, ulong Height, ChainParams Params)
{
    public SenderView Sender { get; init; }

    /// <summary>The least gas_price this node admits, on top of params.min_gas_price; 0 = none. Admission only.</summary>
    public ulong NodeMinGasPrice { get; init; }
}

/// <summary>
/// The sender as the signer, nonce and funds checks see it: its committed nonce and balance, its
/// organisation account (key list and threshold) when it is one and, at admission, its pending
/// transactions (the next free nonce, the pending transaction that holds this nonce, what the
/// pending ones may spend) and the pool's nonce window. Immutable.
/// </summary>
/// <param name="Nonce">The account nonce in the state checked against.</param>
/// <param name="Balance">The SER balance in that state.</param>
/// <param name="NextFreeNonce">The lowest nonce from <paramref name="Nonce"/> on that no pending transaction holds.</param>
/// <param name="NonceHolder">The pending transaction that holds the checked transaction's nonce, if any.</param>
/// <param name="PendingSpend">The sum of <see cref="Fees.FeeRule.MaxSpend"/> over the sender's pending transactions.</param>
/// <param name="NonceWindow">How far ahead of <paramref name="NextFreeNonce"/> a nonce may be (1 = no gap).</param>
public readonly record struct SenderView(ulong Nonce, Amount Balance, ulong NextFreeNonce, Hash32? NonceHolder, Amount PendingSpend, int NonceWindow)
{
    /// <summary>
    /// The sender's organisation account in the state checked against, or null for a key's account.
    /// Only <see cref="SignersCheck"/> reads it, and only when the transaction is not signed by the
    /// sender's own key alone (<see cref="Core.Transactions.SignedTx.SignedBySenderKey"/>), so callers may
    /// leave it unread then.
    /// </summary>
    public MultisigAccountState? Organisation { get; init; }

    /// <summary>The sender in a block: nothing pending, the nonce must be exactly the account's.</summary>
    public static SenderView AtExecution(AccountRecord account, MultisigAccountState? organisation = null) =>
        new(account.Nonce, account.Balance, account.Nonce, null, Amount.Zero, 1) { Organisation = organisation };
}
