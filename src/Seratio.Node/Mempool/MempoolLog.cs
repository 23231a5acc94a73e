using Microsoft.Extensions.Logging;
using Seratio.Core.Crypto;

namespace Seratio.Node.Mempool;

/// <summary>Structured log events of the pool (event ids 1100–1199).</summary>
internal static partial class MempoolLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Trace, Message = "Admitted {TxHash} from {Sender} nonce {Nonce}")]
    public static partial void Admitted(ILogger logger, Hash32 txHash, Seratio.Core.Addressing.Address sender, ulong nonce);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Debug, Message = "Rejected {TxHash}: {Outcome}: {Reason}")]
    public static partial void AdmissionRejected(ILogger logger, Hash32 txHash, AdmitOutcome outcome, string reason);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Debug, Message = "Block {Height}: removed {Included} included, dropped {Dropped} no longer valid, {Pending} pending")]
    public static partial void BlockApplied(ILogger logger, ulong height, int included, int dropped, int pending);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Debug, Message = "Evicted {TxHash} from {Sender} nonce {Nonce} gas price {GasPrice} to admit {NewTxHash}")]
    public static partial void Evicted(ILogger logger, Hash32 txHash, Seratio.Core.Addressing.Address sender, ulong nonce, ulong gasPrice, Hash32 newTxHash);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "Mempool stopped following the chain")]
    public static partial void FollowerFailed(ILogger logger, Exception exception);
}
