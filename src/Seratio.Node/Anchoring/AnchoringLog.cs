using Microsoft.Extensions.Logging;
using Seratio.Node.Mempool;

namespace Seratio.Node.Anchoring;

/// <summary>Structured log events of the checkpoint signer (event ids 1900–1999).</summary>
internal static partial class AnchoringLog
{
    [LoggerMessage(EventId = 1900, Level = LogLevel.Information, Message = "Checkpoint signer started for anchor address {Address}")]
    public static partial void Started(ILogger logger, string address);

    [LoggerMessage(EventId = 1901, Level = LogLevel.Information, Message = "Signed checkpoint {Height} for {Targets} target(s) (nonce {Nonce})")]
    public static partial void Submitted(ILogger logger, ulong height, int targets, ulong nonce);

    [LoggerMessage(EventId = 1902, Level = LogLevel.Warning, Message = "The pool refused the signature of checkpoint {Height}: {Outcome}: {Reason}")]
    public static partial void Refused(ILogger logger, ulong height, AdmitOutcome outcome, string reason);

    [LoggerMessage(EventId = 1903, Level = LogLevel.Warning,
        Message = "Checkpoint {Height} names anchor address {Registered} for this validator, but this node's anchor key is {Address}; register this key (MsgRegisterAnchorKey) or configure Anchoring:AnchorKeyFile")]
    public static partial void WrongKey(ILogger logger, ulong height, string registered, string address);

    [LoggerMessage(EventId = 1904, Level = LogLevel.Error, Message = "The checkpoint signer failed after block {Height}; it carries on with the next block")]
    public static partial void Failed(ILogger logger, ulong height, Exception exception);
}
