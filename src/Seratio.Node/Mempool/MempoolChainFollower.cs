using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Seratio.Node.Chain;

namespace Seratio.Node.Mempool;

/// <summary>
/// Feeds every committed block to the pool, so the pool follows the chain whoever commits
/// (consensus or block sync). <see cref="TxPool.OnBlockCommitted"/> is idempotent, so a
/// driver that also reports its blocks directly does no harm.
/// </summary>
public sealed class MempoolChainFollower(IChainReader chain, TxPool pool, ILogger<MempoolChainFollower> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var blocks = chain.Subscribe(stoppingToken);
            await foreach (var block in blocks.ReadAllAsync(stoppingToken))
                pool.OnBlockCommitted(block);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (ObjectDisposedException) when (stoppingToken.IsCancellationRequested)
        {
            // The host stopped and closed the chain store under a block being applied: nothing left to follow.
        }
        catch (Exception ex)
        {
            MempoolLog.FollowerFailed(logger, ex);
            throw;
        }
    }
}
