using Seratio.Vm.Admission.Checks;

namespace Seratio.Node.Mempool.Admission;

/// <summary>The pool's outcome for each outcome of the Vm's checks (same names; docs/api.md gives each a gRPC status). Pure.</summary>
internal static class CheckOutcomes
{
    public static AdmitOutcome ToAdmitOutcome(TxCheckOutcome outcome) => outcome switch
    {
        TxCheckOutcome.Accepted => AdmitOutcome.Accepted,
        TxCheckOutcome.WrongChain => AdmitOutcome.WrongChain,
        TxCheckOutcome.Expired => AdmitOutcome.Expired,
        TxCheckOutcome.InvalidField => AdmitOutcome.InvalidField,
        TxCheckOutcome.BadSignature => AdmitOutcome.BadSignature,
        TxCheckOutcome.SignaturesMissing => AdmitOutcome.SignaturesMissing,
        TxCheckOutcome.NonceTooLow => AdmitOutcome.NonceTooLow,
        TxCheckOutcome.NonceTaken => AdmitOutcome.NonceTaken,
        TxCheckOutcome.NonceGap => AdmitOutcome.NonceGap,
        TxCheckOutcome.FeeTooLow => AdmitOutcome.FeeTooLow,
        TxCheckOutcome.InsufficientFunds => AdmitOutcome.InsufficientFunds,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "unknown check outcome"),
    };
}
