using Microsoft.Extensions.Logging;

namespace Seratio.Node.Metrics;

/// <summary>Structured log events of the metrics endpoint (event ids 1600–1619).</summary>
internal static partial class MetricsLog
{
    [LoggerMessage(EventId = 1600, Level = LogLevel.Information, Message = "Metrics listening on {Endpoint}/metrics (HTTP/1.1, Prometheus text format)")]
    public static partial void Listening(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 1601, Level = LogLevel.Warning, Message = "Block metrics fell behind the chain and resumed at block {Height}; some blocks were not counted")]
    public static partial void FellBehind(ILogger logger, ulong height);
}
