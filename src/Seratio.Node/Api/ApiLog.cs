using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Seratio.Node.Api;

/// <summary>Structured log events of the API (event ids 1200–1299).</summary>
internal static partial class ApiLog
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Debug, Message = "{Method} refused: {StatusCode}: {Detail}")]
    public static partial void Refused(ILogger logger, string method, StatusCode statusCode, string detail);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Error, Message = "{Method} failed with an internal error {ErrorId}")]
    public static partial void Failed(ILogger logger, string method, string errorId, Exception exception);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "Commit wait for {TxHash} timed out after {TimeoutMs} ms")]
    public static partial void CommitTimedOut(ILogger logger, Seratio.Core.Crypto.Hash32 txHash, int timeoutMs);

    // 1290+: client errors that are reported in aggregate (ids far from the per-call events above, which grow upwards).
    [LoggerMessage(EventId = 1290, Level = LogLevel.Warning, Message = "{Count} request(s) were not valid protobuf of their method's request type (the last to {Method}) and got InvalidArgument; at most one such warning per {IntervalSeconds} s")]
    public static partial void Undecodable(ILogger logger, long count, string method, int intervalSeconds);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Information, Message = "Public API listening on {Endpoint} (HTTP/2 cleartext), reflection {Reflection}")]
    public static partial void Listening(ILogger logger, string endpoint, bool reflection);
}
