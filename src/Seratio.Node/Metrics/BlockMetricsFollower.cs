using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Seratio.Node.Validators;
using Seratio.Node.Chain;

namespace Seratio.Node.Metrics;

/// <summary>
/// Reports every committed block to <see cref="INodeMetrics"/>, whoever committed it (consensus, the
/// consensus or block sync): its size, transactions and the validators missing from its
/// commit. Follows the chain's commit feed, so commits never wait for metrics; should it fall behind
/// the feed, it says so and resumes at the next block.
/// </summary>
public sealed class BlockMetricsFollower(IChainReader chain, INodeMetrics metrics, ILogger<BlockMetricsFollower> logger) : BackgroundService
{
    // Each commit is checked against the set of its own height (validator-set changes take effect two heights later).
    private readonly ValidatorSets _sets = new(chain);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var block in chain.Subscribe(stoppingToken).ReadAllAsync(stoppingToken).ConfigureAwait(false))
                    metrics.BlockCommitted(MissedVotes.Figures(block, _sets.For(block.Height)));
                return; // the feed completed: the chain is closing
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (ObjectDisposedException) when (stoppingToken.IsCancellationRequested)
            {
                return; // the host stopped and closed the chain store under a block being counted
            }
            catch (SubscriberTooSlowException)
            {
                MetricsLog.FellBehind(logger, chain.Head.Height);
            }
        }
    }
}
