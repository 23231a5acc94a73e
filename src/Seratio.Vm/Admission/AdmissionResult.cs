namespace Seratio.Vm.Admission;

/// <summary>Why the mempool may or may not admit a transaction against state and pending ones.</summary>
public enum AdmissionOutcome
{
    Accepted,
    /// <summary>expiry_height is below the next height.</summary>
    Expired,
    /// <summary>The nonce was already used by a committed transaction.</summary>
    NonceTooLow,
    /// <summary>A pending transaction of the account already holds this nonce.</summary>
    NonceAlreadyPending,
    /// <summary>The nonce is above the next free one; earlier nonces are missing.</summary>
    NonceGap,
    /// <summary>gas_price is below params.min_gas_price.</summary>
    FeeTooLow,
    /// <summary>The balance cannot pay the pending transactions plus this one's maximal spend.</summary>
    InsufficientFunds,
}

/// <summary>An admission outcome with a reason a person can act on (empty when accepted). Immutable.</summary>
public readonly record struct AdmissionResult(AdmissionOutcome Outcome, string Reason)
{
    public static readonly AdmissionResult Accepted = new(AdmissionOutcome.Accepted, "");
    public bool IsAccepted => Outcome == AdmissionOutcome.Accepted;
}
