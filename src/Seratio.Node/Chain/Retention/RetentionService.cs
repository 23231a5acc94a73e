using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Seratio.Node.Chain.Retention;

/// <summary>
/// Runs the <see cref="ChainPruner"/> off the commit path: every <c>interval</c> it deletes every height that left
/// the window, a few hundred at a time so that a stop is never kept waiting. Does nothing on an archive node.
/// Its one loop is the pruner's only caller; thread safe as a hosted service.
/// </summary>
public sealed partial class RetentionService(ChainDatabase chain, TimeSpan interval, TimeProvider time, ILogger<RetentionService> logger) : BackgroundService
{
    /// <summary>Heights of state (and of blocks) deleted between two looks at the stop token.</summary>
    public const int HeightsPerPass = 256;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retention = chain.Retention;
        if (!retention.PrunesStates && !retention.PrunesBlocks) return;
        Keeping(logger, retention.KeepStates, retention.KeepBlocks, chain.EarliestStateHeight, chain.EarliestBlockHeight);
        var pruner = new ChainPruner(chain);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // The pruner's reads and writes are synchronous RocksDB calls: off the caller's thread.
                var progress = await Task.Run(() => pruner.Prune(HeightsPerPass, stoppingToken), stoppingToken).ConfigureAwait(false);
                if (progress.States > 0 || progress.Blocks > 0)
                    Pruned(logger, progress.States, progress.Blocks, progress.EarliestState, progress.EarliestBlock);
                if (progress.States < HeightsPerPass && progress.Blocks < HeightsPerPass)
                    await Task.Delay(interval, time, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (ObjectDisposedException) when (stoppingToken.IsCancellationRequested)
        {
            // The store closed under the last pass: the node is stopping, and the pass's batch was written whole or not at all.
        }
    }

    [LoggerMessage(EventId = 1720, Level = LogLevel.Information,
        Message = "Retention: keeping the state of the last {KeepStates} heights and the last {KeepBlocks} blocks (0 = all); state kept from height {EarliestState}, blocks from {EarliestBlock}")]
    private static partial void Keeping(ILogger logger, ulong keepStates, ulong keepBlocks, ulong earliestState, ulong earliestBlock);

    [LoggerMessage(EventId = 1721, Level = LogLevel.Debug,
        Message = "Pruned the state of {States} heights and {Blocks} blocks; state kept from height {EarliestState}, blocks from {EarliestBlock}")]
    private static partial void Pruned(ILogger logger, int states, int blocks, ulong earliestState, ulong earliestBlock);
}
