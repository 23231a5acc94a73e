using Microsoft.Extensions.Logging;

namespace Seratio.Bridges.Relaying;

/// <summary>The relayer's log messages, with stable event ids 2000–2011 (docs/operations.md). Stateless, thread safe.</summary>
internal static partial class RelayerLog
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Relayer for {Target} started: account {Account}, contract {Contract}, {Confirmations} confirmations, type {TxType} transactions")]
    public static partial void Started(ILogger logger, string target, string account, string contract, int confirmations, int txType);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Submitted checkpoint {Height} to {Target}: transaction {TxHash} nonce {Nonce} (attempt {Attempt})")]
    public static partial void Submitted(ILogger logger, ulong height, string target, string txHash, ulong nonce, int attempt);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Checkpoint {Height} included on {Target} in block {BlockNumber} ({BlockHash})")]
    public static partial void Included(ILogger logger, ulong height, string target, ulong blockNumber, string blockHash);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Checkpoint {Height} confirmed on {Target}: block {BlockNumber} is {Confirmations} deep")]
    public static partial void Confirmed(ILogger logger, ulong height, string target, ulong blockNumber, ulong confirmations);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Checkpoint {Height} on {Target}: block {BlockNumber} ({BlockHash}) is no longer canonical; submitting again")]
    public static partial void Reorganised(ILogger logger, ulong height, string target, ulong blockNumber, string blockHash);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "Checkpoint {Height} on {Target} is superseded: the contract already holds height {Anchored}")]
    public static partial void Superseded(ILogger logger, ulong height, string target, ulong anchored);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "Transaction {TxHash} of checkpoint {Height} on {Target} was dropped; submitting again with a nonce from the chain")]
    public static partial void Dropped(ILogger logger, string txHash, ulong height, string target);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Warning, Message = "The contract on {Target} refuses checkpoint {Height}: {Error}; trying again next round")]
    public static partial void Refused(ILogger logger, string target, ulong height, string error);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Warning, Message = "Relayer round for {Target} failed ({Failures} in a row); trying again in {Backoff}")]
    public static partial void RoundFailed(ILogger logger, Exception exception, string target, int failures, TimeSpan backoff);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Information, Message = "Checkpoint {Height} on {Target}: transaction {OldTxHash} was not mined in time; replaced by {TxHash} with nonce {Nonce} offering {Fees}")]
    public static partial void FeeBumped(ILogger logger, ulong height, string target, string oldTxHash, string txHash, ulong nonce, string fees);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Warning, Message = "Checkpoint {Height} on {Target}: transaction {TxHash} is stuck at {Fees}, and a replacement would pay more than {CapWei} wei per gas (MaxFeePerGasWei); waiting")]
    public static partial void FeeCapReached(ILogger logger, ulong height, string target, string txHash, string fees, long capWei);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Information, Message = "The EVM node refused replacement {TxHash} of checkpoint {Height} on {Target}: {Error}; following the earlier transaction")]
    public static partial void BumpRefused(ILogger logger, string txHash, ulong height, string target, string error);
}
