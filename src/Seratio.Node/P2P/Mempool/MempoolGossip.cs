using System.Threading.Channels;
using Google.Protobuf;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Seratio.Core.Transactions;
using Seratio.Node.Mempool;
using Seratio.Protocol;

namespace Seratio.Node.P2P.Mempool;

/// <summary>
/// Gossips the mempool: every transaction the pool newly accepts (from the API or from a peer) is
/// broadcast on the Mempool channel; every transaction a peer sends is offered to the pool, so
/// only transactions this node accepts travel on, each once per link (the network skips the peer
/// a frame came from). Transactions travel in <see cref="MempoolTxs"/> frames: what the pool
/// accepted during <see cref="P2POptions.MempoolGossipDelayMs"/> goes out as one frame, and what
/// peers sent is admitted as one batch (<see cref="TxPool.AdmitBatchAsync"/>: signatures verified in
/// parallel), instead of one frame, one write and one sequential verification per transaction.
/// Runs while the host runs; thread safe (the pool raises <see cref="TxPool.Admitted"/> on any thread).
/// </summary>
public sealed class MempoolGossip(IPeerNetwork network, TxPool pool, IOptions<P2POptions> options, TimeProvider time, ILogger<MempoolGossip> logger) : BackgroundService
{
    /// <summary>Most transactions admitted from peers in one batch.</summary>
    private const int MaxReceiveBatch = 4_000;

    private readonly Channel<ReadOnlyMemory<byte>> _outgoing = Channel.CreateUnbounded<ReadOnlyMemory<byte>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TimeSpan _delay = TimeSpan.FromMilliseconds(options.Value.MempoolGossipDelayMs);
    private readonly int _maxTxs = options.Value.MempoolGossipMaxTxs;
    /// <summary>Half a frame, so the envelope and field overheads always fit.</summary>
    private readonly int _maxBytes = options.Value.MaxFrameBytes / 2;

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
            await Task.WhenAll(SendLoopAsync(stoppingToken), ReceiveLoopAsync(stoppingToken)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (ObjectDisposedException) when (stoppingToken.IsCancellationRequested)
        {
            // The host stopped and closed the chain store under a batch being admitted: the node is going away.
        }
        catch (Exception ex)
        {
            P2PLog.GossipFailed(logger, ex);
            throw;
        }
    }

    private void OnAdmitted(SignedTx tx) => _outgoing.Writer.TryWrite(tx.Bytes);

    private async Task SendLoopAsync(CancellationToken stoppingToken)
    {
        var reader = _outgoing.Reader;
        while (await reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
        {
            // Let the transactions of the next few milliseconds join this frame.
            if (_delay > TimeSpan.Zero) await Task.Delay(_delay, time, stoppingToken).ConfigureAwait(false);
            var frame = new MempoolTxs();
            int bytes = 0;
            while (reader.TryRead(out var tx))
            {
                frame.Txs.Add(UnsafeByteOperations.UnsafeWrap(tx));
                bytes += tx.Length + 8;
                if (frame.Txs.Count >= _maxTxs || bytes >= _maxBytes)
                {
                    network.Broadcast(PeerChannel.Mempool, frame.ToByteArray());
                    frame = new MempoolTxs();
                    bytes = 0;
                }
            }
            if (frame.Txs.Count > 0) network.Broadcast(PeerChannel.Mempool, frame.ToByteArray());
        }
    }

    private async Task ReceiveLoopAsync(CancellationToken stoppingToken)
    {
        var reader = network.Received(PeerChannel.Mempool);
        var batch = new List<ReadOnlyMemory<byte>>();
        while (await reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
        {
            batch.Clear();
            // Everything that is already waiting (up to a bound) is admitted as one batch.
            while (batch.Count < MaxReceiveBatch && reader.TryRead(out var message))
            {
                MempoolTxs frame;
                try { frame = MempoolTxs.Parser.ParseFrom(message.Payload.Span); }
                catch (InvalidProtocolBufferException ex)
                {
                    P2PLog.BadMempoolFrame(logger, message.From, ex.Message);
                    continue;
                }
                foreach (var tx in frame.Txs) batch.Add(tx.Memory);
            }
            // Rejections are logged by the pool; acceptances come back through OnAdmitted and travel on.
            if (batch.Count > 0) await pool.AdmitBatchAsync(batch, stoppingToken).ConfigureAwait(false);
        }
    }
}
