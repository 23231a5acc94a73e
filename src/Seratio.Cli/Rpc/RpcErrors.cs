using Grpc.Core;

namespace Seratio.Cli.Rpc;

/// <summary>Turns a gRPC status into a sentence a person can act on. Pure.</summary>
internal static class RpcErrors
{
    public static string Describe(Status status, Uri node)
    {
        var detail = string.IsNullOrWhiteSpace(status.Detail) ? "" : status.Detail.Trim();
        var origin = node.GetLeftPart(UriPartial.Authority);
        string With(string text) => detail.Length == 0 ? text : $"{text}: {detail}";
        if (node.Scheme == Uri.UriSchemeHttps && detail.Contains("SSL connection could not be established", StringComparison.Ordinal))
            return With($"TLS with node at {origin} failed (a self-signed API certificate? name it in SERATIO_NODE_CA; a node without Api:TlsCertificateFile? use http://)");
        return status.StatusCode switch
        {
            StatusCode.Unavailable => With($"cannot reach node at {origin} (is it running? check --node or SERATIO_NODE)"),
            StatusCode.DeadlineExceeded => With($"node at {origin} did not answer in time"),
            StatusCode.NotFound => With("not found"),
            StatusCode.InvalidArgument => With("the node rejected the request as invalid"),
            StatusCode.FailedPrecondition => With("the node refused the request in its current state"),
            StatusCode.AlreadyExists => With("already known to the node"),
            StatusCode.ResourceExhausted => With("the node is over capacity (mempool full or rate limited); try again later"),
            // The public API answers PermissionDenied for one thing: an organisation account's signatures short of its threshold.
            StatusCode.PermissionDenied => With("the node refused the signatures"),
            StatusCode.Unauthenticated => With("the node refused access"),
            StatusCode.Unimplemented => With($"node at {origin} does not offer this call (different version?)"),
            StatusCode.Cancelled => With("the call was cancelled"),
            StatusCode.Aborted => With("the node aborted the request; try again"),
            StatusCode.OutOfRange => With("out of range"),
            _ => With($"node at {origin} failed ({status.StatusCode})"),
        };
    }
}
