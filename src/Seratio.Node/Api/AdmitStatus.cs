using Grpc.Core;
using Seratio.Node.Mempool;

namespace Seratio.Node.Api;

/// <summary>The one mapping from admission outcomes to gRPC status codes (docs/api.md). Pure.</summary>
public static class AdmitStatus
{
    /// <summary>Trailer carrying the named outcome, so clients can branch without parsing messages.</summary>
    public const string OutcomeTrailer = "seratio-outcome";

    public static StatusCode CodeOf(AdmitOutcome outcome) => outcome switch
    {
        AdmitOutcome.Accepted => StatusCode.OK,
        AdmitOutcome.Malformed or AdmitOutcome.WrongChain or AdmitOutcome.BadSignature or AdmitOutcome.InvalidField or AdmitOutcome.TooManyActions
            => StatusCode.InvalidArgument,
        AdmitOutcome.AlreadyPending or AdmitOutcome.AlreadyCommitted => StatusCode.AlreadyExists,
        AdmitOutcome.NonceTooLow or AdmitOutcome.NonceTaken or AdmitOutcome.NonceGap or AdmitOutcome.Expired
            or AdmitOutcome.FeeTooLow or AdmitOutcome.InsufficientFunds or AdmitOutcome.TooManyOpenOrders => StatusCode.FailedPrecondition,
        AdmitOutcome.Oversized or AdmitOutcome.PoolFull or AdmitOutcome.AccountFull or AdmitOutcome.ParkedFull or AdmitOutcome.RateLimited
            => StatusCode.ResourceExhausted,
        // The signatures verify (the signers are known) but do not carry the organisation account's authority.
        AdmitOutcome.SignaturesMissing => StatusCode.PermissionDenied,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "unmapped admission outcome"),
    };

    /// <summary>The exception the API throws for a refused transaction.</summary>
    public static RpcException ToException(AdmitResult result)
    {
        if (result.IsAccepted) throw new ArgumentException("an accepted transaction is not an error", nameof(result));
        var trailers = new Metadata { { OutcomeTrailer, result.Outcome.ToString() } };
        return new RpcException(new Status(CodeOf(result.Outcome), result.Reason), trailers);
    }
}
