using Prometheus;
using Seratio.Consensus.Votes;
using Seratio.Node.Mempool;

namespace Seratio.Node.Metrics;

/// <summary>
/// The node's Prometheus metrics (names and meaning: docs/operations.md), in a registry of its own
/// so that two nodes in one process (tests) never share values. Sampled gauges (chain height, mempool,
/// peers) are read by <see cref="Sample"/> callbacks just before each scrape. Thread safe.
/// </summary>
public sealed class NodeMetrics : INodeMetrics
{
    private readonly Gauge _consensusHeight;
    private readonly Gauge _consensusRound;
    private readonly Gauge _consensusStep;
    private readonly Histogram _commitLatency;
    private readonly Gauge _chainHeight;
    private readonly Counter _blocksCommitted;
    private readonly Histogram _blockTxs;
    private readonly Histogram _blockBytes;
    private readonly Counter _votesMissed;
    private readonly Counter _txsAdmitted;
    private readonly Counter _txsRejected;
    private readonly Counter _blocksSynced;
    private readonly Counter _evidence;
    private readonly Gauge _mempoolTxs;
    private readonly Gauge _peers;

    public NodeMetrics()
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var f = Prometheus.Metrics.WithCustomRegistry(Registry);
        _chainHeight = f.CreateGauge("seratio_chain_height", "Height of the latest committed block.");
        _consensusHeight = f.CreateGauge("seratio_consensus_height", "Height consensus works on.");
        _consensusRound = f.CreateGauge("seratio_consensus_round", "Round of the consensus height.");
        _consensusStep = f.CreateGauge("seratio_consensus_step", "Step of the consensus round: 1 propose, 2 prevote, 3 precommit.");
        _commitLatency = f.CreateHistogram("seratio_commit_latency_seconds", "Time from the start of a height to its commit on this node.",
            new HistogramConfiguration { Buckets = [0.05, 0.1, 0.25, 0.5, 1, 1.5, 2, 3, 5, 8, 13, 21, 34, 60] });
        _blocksCommitted = f.CreateCounter("seratio_blocks_committed_total", "Blocks committed to this node's chain.");
        _blockTxs = f.CreateHistogram("seratio_block_txs", "Transactions per committed block.",
            new HistogramConfiguration { Buckets = [0, 1, 10, 50, 100, 500, 1000, 2000, 5000, 10000, 20000] });
        _blockBytes = f.CreateHistogram("seratio_block_bytes", "Encoded size of committed blocks in bytes.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(256, 4, 10) });
        _votesMissed = f.CreateCounter("seratio_votes_missed_total", "Committed blocks whose commit lacks the precommit of the validator.", "validator");
        _txsAdmitted = f.CreateCounter("seratio_txs_admitted_total", "Transactions the mempool admitted.");
        _txsRejected = f.CreateCounter("seratio_txs_rejected_total", "Transactions the mempool refused, by outcome.", "outcome");
        _blocksSynced = f.CreateCounter("seratio_blocks_synced_total", "Blocks committed from peers by block sync.");
        _evidence = f.CreateCounter("seratio_evidence_seen_total", "Duplicate votes (double signs) consensus detected.");
        _mempoolTxs = f.CreateGauge("seratio_mempool_txs", "Transactions pending in the mempool.");
        _peers = f.CreateGauge("seratio_peers_connected", "Connected (handshaken) peers.");
    }

    /// <summary>The registry /metrics exports.</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>Reads the sampled gauges from their sources before each scrape. Call once, when the sources exist.</summary>
    public void Sample(Func<ulong> chainHeight, Func<int> mempoolTxs, Func<int> peers)
    {
        ArgumentNullException.ThrowIfNull(chainHeight);
        ArgumentNullException.ThrowIfNull(mempoolTxs);
        ArgumentNullException.ThrowIfNull(peers);
        Registry.AddBeforeCollectCallback(() =>
        {
            _chainHeight.Set(chainHeight());
            _mempoolTxs.Set(mempoolTxs());
            _peers.Set(peers());
        });
    }

    public void ConsensusProgress(ulong height, uint round, VoteStep step)
    {
        _consensusHeight.Set(height);
        _consensusRound.Set(round);
        _consensusStep.Set((int)step);
    }

    public void HeightCommitted(TimeSpan sinceHeightStart) => _commitLatency.Observe(Math.Max(0, sinceHeightStart.TotalSeconds));

    public void BlockCommitted(BlockFigures block)
    {
        ArgumentNullException.ThrowIfNull(block);
        _chainHeight.Set(block.Height);
        _blocksCommitted.Inc();
        _blockTxs.Observe(block.Txs);
        _blockBytes.Observe(block.Bytes);
        foreach (var validator in block.MissedValidators) _votesMissed.WithLabels(validator).Inc();
    }

    public void TxAdmission(AdmitOutcome outcome)
    {
        if (outcome == AdmitOutcome.Accepted) _txsAdmitted.Inc();
        else _txsRejected.WithLabels(outcome.ToString()).Inc();
    }

    public void BlockSynced() => _blocksSynced.Inc();

    public void EvidenceSeen() => _evidence.Inc();

    /// <summary>The metrics in the Prometheus text format, as /metrics serves them.</summary>
    public async Task<string> ExportTextAsync(CancellationToken cancellationToken = default)
    {
        using var stream = new MemoryStream();
        await Registry.CollectAndExportAsTextAsync(stream, cancellationToken).ConfigureAwait(false);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
