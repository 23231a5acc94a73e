using Microsoft.Extensions.Logging;
using Seratio.Core.Crypto;

namespace Seratio.Node.Production;

/// <summary>Structured logs of block production. Event ids 1000–1019 are stable (moved from 1100–1119, which the mempool also used).</summary>
internal static partial class ProducerLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Block producer started at head {Height} as validator {Validator}")]
    public static partial void Started(ILogger logger, ulong height, string validator);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information,
        Message = "Produced block {Height} with {Txs} txs in {Ms} ms ({Hash}): reap {ReapMs} ms, execute {ExecuteMs} ms, state root {StateRootMs} ms, header {HeaderMs} ms, sign+write {WriteMs} ms, mempool update {PoolMs} ms")]
    public static partial void Produced(ILogger logger, ulong height, int txs, long ms, Hash32 hash,
        long reapMs, long executeMs, long stateRootMs, long headerMs, long writeMs, long poolMs);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning,
        Message = "Not producing blocks: validator key {Validator} is not in the genesis validator set")]
    public static partial void NotAValidator(ILogger logger, string validator);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning,
        Message = "Not producing blocks: the genesis names {Count} validators and single-validator production needs exactly one; blocks come from BFT consensus, which needs a \"P2P\" section in node.json")]
    public static partial void NotSoleValidator(ILogger logger, int count);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Re-committed block {Height} ({Hash}) that was signed before a restart but not committed")]
    public static partial void Recommitted(ILogger logger, ulong height, Hash32 hash);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Critical, Message = "Block production failed at height {Height}; stopping the producer")]
    public static partial void Failed(ILogger logger, ulong height, Exception exception);
}
