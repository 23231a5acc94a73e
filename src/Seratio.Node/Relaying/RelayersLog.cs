using Microsoft.Extensions.Logging;

namespace Seratio.Node.Relaying;

/// <summary>Log events of the hosted relayers (2050–2059; the relayers' own are 2000–2011). Stateless.</summary>
internal static partial class RelayersLog
{
    [LoggerMessage(EventId = 2050, Level = LogLevel.Warning, Message = "Hosted relayer for {Target} could not start ({Failures} in a row; EVM node {RpcUrl}); trying again in {Wait}")]
    public static partial void StartFailed(ILogger logger, Exception exception, string target, string rpcUrl, int failures, TimeSpan wait);

    [LoggerMessage(EventId = 2051, Level = LogLevel.Warning, Message = "Hosted relayer for {Target}: {Warning}")]
    public static partial void PlainKey(ILogger logger, string target, string warning);
}
