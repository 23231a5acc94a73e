using Seratio.Protocol;

namespace Seratio.Vm.Admission.Checks;

/// <summary>What a check found. The mempool maps each to its own outcome and gRPC status; execution to a receipt code.</summary>
public enum TxCheckOutcome
{
    Accepted,
    /// <summary>Signed for another chain id.</summary>
    WrongChain,
    /// <summary>expiry_height is below the height of the block that would include it.</summary>
    Expired,
    /// <summary>A message has no handler or breaks its format rules, or gas_limit is below the gas the transaction needs at least.</summary>
    InvalidField,
    /// <summary>A signature does not verify over the body, or a key's account is not signed by its key alone.</summary>
    BadSignature,
    /// <summary>An organisation account's signatures: a key not on its list, or fewer distinct listed keys than its threshold.</summary>
    SignaturesMissing,
    /// <summary>The nonce was already used (or the account nonce is exhausted).</summary>
    NonceTooLow,
    /// <summary>Another pending transaction of the sender holds this nonce (mempool only).</summary>
    NonceTaken,
    /// <summary>The nonce is ahead of the next one: beyond the pool's window, or not the account nonce at execution.</summary>
    NonceGap,
    /// <summary>gas_price is below params.min_gas_price.</summary>
    FeeTooLow,
    /// <summary>The balance cannot pay what the fee rule asks (<see cref="Fees.FeeRule"/>).</summary>
    InsufficientFunds,
}

/// <summary>A check's outcome with a reason a person can act on (empty when accepted). Immutable.</summary>
public readonly record struct TxCheckResult(TxCheckOutcome Outcome, string Reason)
{
    public static readonly TxCheckResult Accepted = new(TxCheckOutcome.Accepted, "");

    public bool IsAccepted => Outcome == TxCheckOutcome.Accepted;

    /// <summary>The receipt code of an outcome that execution's pre-check can give.</summary>
    public static ResultCode ToResultCode(TxCheckOutcome outcome) => outcome switch
    {
        TxCheckOutcome.Accepted => ResultCode.Ok,
        TxCheckOutcome.Expired => ResultCode.Expired,
        // A block's transaction whose signer keys may not act for the sender (e.g. keys rotated since admission).
        TxCheckOutcome.SignaturesMissing or TxCheckOutcome.BadSignature => ResultCode.SignaturesMissing,
        TxCheckOutcome.NonceTooLow or TxCheckOutcome.NonceTaken or TxCheckOutcome.NonceGap => ResultCode.BadNonce,
        TxCheckOutcome.FeeTooLow => ResultCode.FeeTooLow,
        TxCheckOutcome.InsufficientFunds => ResultCode.InsufficientFunds,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "not an outcome of execution's pre-check"),
    };
}
