using Seratio.Core.Crypto;

namespace Seratio.Node.Mempool;

/// <summary>Why the pool took or refused a transaction. The API maps each to one gRPC status (docs/api.md).</summary>
public enum AdmitOutcome
{
    /// <summary>Held; proposable once every lower nonce of its sender is committed or pending.</summary>
    Accepted,
    /// <summary>Larger than the chain's max_tx_bytes.</summary>
    Oversized,
    /// <summary>Not a protobuf Tx / TxBody, or an empty body.</summary>
    Malformed,
    /// <summary>Signed for another chain id.</summary>
    WrongChain,
    /// <summary>Missing, malformed or invalid signature, or a key's account not signed by its key alone.</summary>
    BadSignature,
    /// <summary>A field of the body or of a message is invalid (no messages, bad address, amount 0, …).</summary>
    InvalidField,
    /// <summary>The same transaction is already pending.</summary>
    AlreadyPending,
    /// <summary>The same transaction is already in a committed block.</summary>
    AlreadyCommitted,
    /// <summary>The nonce is below the sender's account nonce (already used).</summary>
    NonceTooLow,
    /// <summary>Another pending transaction of the sender holds this nonce.</summary>
    NonceTaken,
    /// <summary>The nonce is further ahead of the sender's next nonce than the pool's window.</summary>
    NonceGap,
    /// <summary>expiry_height is below the next height.</summary>
    Expired,
    /// <summary>gas_price below the chain minimum, or gas_limit below what the transaction needs.</summary>
    FeeTooLow,
    /// <summary>The balance does not cover this transaction plus the sender's pending ones.</summary>
    InsufficientFunds,
    /// <summary>The pool holds MaxTxs transactions or MaxBytes bytes, none of lower priority that could be evicted.</summary>
    PoolFull,
    /// <summary>The sender already has MaxPerAccount pending transactions.</summary>
    AccountFull,
    /// <summary>
    /// The transaction would wait for a missing nonce (parked) and the sender already has
    /// MaxParkedPerAccount parked, or the pool holds MaxParked parked and none cheaper.
    /// </summary>
    ParkedFull,
    /// <summary>The transaction alone carries more exchange placements plus cancels than params.exchange.max_actions_per_block.</summary>
    TooManyActions,
    /// <summary>The sender's pending exchange placements plus cancels and this transaction's exceed params.exchange.max_actions_per_block.</summary>
    RateLimited,
    /// <summary>The sender's open orders in a market plus its pending placements there and this transaction's exceed params.exchange.max_open_orders.</summary>
    TooManyOpenOrders,
    /// <summary>An organisation account's transaction signed by a key not on its list, or by fewer distinct listed keys than its threshold.</summary>
    SignaturesMissing,
}

/// <summary>The outcome of <see cref="TxPool.Admit"/>: a named outcome and a reason a person can act on. Immutable.</summary>
public readonly record struct AdmitResult(AdmitOutcome Outcome, string Reason, Hash32 TxHash)
{
    public bool IsAccepted => Outcome == AdmitOutcome.Accepted;

    public static AdmitResult Accepted(Hash32 hash) => new(AdmitOutcome.Accepted, "", hash);
    public static AdmitResult Reject(AdmitOutcome outcome, string reason, Hash32 hash = default) => new(outcome, reason, hash);

    public override string ToString() => IsAccepted ? $"accepted {TxHash}" : $"{Outcome}: {Reason}";
}
