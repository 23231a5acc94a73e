using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Seratio.Core.Text;

namespace Seratio.Node.Api;

/// <summary>
/// Logs every refused call (Debug) with its status detail clipped to <see cref="ApiErrors.MaxDetailChars"/> and
/// its control characters escaped, as the client gets it (a detail may echo request fields), and turns an unexpected exception — a bug — into Internal
/// with an error id the operator finds in the log, never leaking the exception text. A call that
/// finds the chain store closed while the node stops is no bug: it gets Unavailable. Stateless.
/// </summary>
public sealed class ApiErrorInterceptor(ILogger<ApiErrorInterceptor> logger, IHostApplicationLifetime? lifetime = null) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context).ConfigureAwait(false);
        }
        catch (Exception ex) when (Translate(ex, context) is { } translated)
        {
            throw translated;
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context).ConfigureAwait(false);
        }
        catch (Exception ex) when (Translate(ex, context) is { } translated)
        {
            throw translated;
        }
    }

    private RpcException? Translate(Exception ex, ServerCallContext context)
    {
        switch (ex)
        {
            case RpcException rpc:
                var safe = Bounded(rpc);
                ApiLog.Refused(logger, context.Method, safe.StatusCode, safe.Status.Detail);
                return safe;
            case Chain.Retention.HeightPrunedException pruned: // the window moved past a query's height while it ran
                var gone = ApiErrors.StateGone(pruned);
                ApiLog.Refused(logger, context.Method, gone.StatusCode, gone.Status.Detail);
                return gone;
            case OperationCanceledException when context.CancellationToken.IsCancellationRequested:
                return null; // the client went away; nothing to report
            case ObjectDisposedException when lifetime?.ApplicationStopping.IsCancellationRequested == true:
                var stopping = new RpcException(new Status(StatusCode.Unavailable, "the node is stopping; retry on another node or once it restarted"));
                ApiLog.Refused(logger, context.Method, stopping.StatusCode, stopping.Status.Detail);
                return stopping;
            default:
                var id = Guid.NewGuid().ToString("N")[..12];
                ApiLog.Failed(logger, context.Method, id, ex);
                return new RpcException(new Status(StatusCode.Internal, $"internal error {id}; the node operator can find it in the node log"));
        }
    }

    private static RpcException Bounded(RpcException rpc)
    {
        var detail = rpc.Status.Detail ?? "";
        if (detail.Length <= ApiErrors.MaxDetailChars && SafeText.IsClean(detail)) return rpc;
        return new RpcException(new Status(rpc.StatusCode, SafeText.Clip(detail, ApiErrors.MaxDetailChars)), rpc.Trailers);
    }
}
