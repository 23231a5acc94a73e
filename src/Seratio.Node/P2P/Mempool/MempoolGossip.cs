using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Seratio.Core.Transactions;
using Seratio.Node.Mempool;

namespace Seratio.Node.P2P.Mempool;

/// <summary>
/// Gossips the mempool: every transaction the pool newly accepts (from the API or from a peer) is
/// broadcast on the Mempool channel; every transaction a peer sends is offered to
/// <see cref="TxPool.Admit"/>, so only transactions this node accepts travel on, each once (the
/// network skips the peer it came from and drops duplicates). Runs while the host runs.
/// </summary>
public sealed class MempoolGossip(IPeerNetwork network, TxPool pool, ILogger<MempoolGossip> logger) : BackgroundService
{
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        pool.Admitted += OnAdmitted;
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        pool.Admitted -= OnAdmitted;
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var message in network.Received(PeerChannel.Mempool).ReadAllAsync(stoppingToken).ConfigureAwait(false))
                pool.Admit(message.Payload); // a rejection is logged by the pool; an acceptance comes back through OnAdmitted
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            P2PLog.GossipFailed(logger, ex);
            throw;
        }
    }

    private void OnAdmitted(SignedTx tx) => network.Broadcast(PeerChannel.Mempool, tx.Bytes);
}
