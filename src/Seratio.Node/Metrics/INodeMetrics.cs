using Seratio.Consensus.Votes;
using Seratio.Node.Mempool;

namespace Seratio.Node.Metrics;

/// <summary>
/// What the node's components report for the operator's metrics (docs/operations.md): consensus
/// progress, commit latency, committed blocks, admission outcomes, synced blocks and evidence.
/// Gauges that can be read at any time (chain height, mempool size, peers) are sampled at scrape time
/// instead. Implementations are thread safe and cheap: callers report on hot paths.
/// </summary>
public interface INodeMetrics : IAdmissionMetrics
{
    /// <summary>Consensus is at <paramref name="height"/>, <paramref name="round"/>, <paramref name="step"/>.</summary>
    void ConsensusProgress(ulong height, uint round, VoteStep step);

    /// <summary>A height this node worked on was committed <paramref name="sinceHeightStart"/> after it started.</summary>
    void HeightCommitted(TimeSpan sinceHeightStart);

    /// <summary>A block was committed to the chain (by consensus or block sync).</summary>
    void BlockCommitted(BlockFigures block);

    /// <summary>A block was committed from a peer by block sync.</summary>
    void BlockSynced();

    /// <summary>Consensus found duplicate votes (evidence of a double sign).</summary>
    void EvidenceSeen();
}

/// <summary>
/// The figures of one committed block: its height, transactions, encoded size and the validators
/// (bech32m addresses, in validator-key order) whose precommit is absent from its commit.
/// </summary>
public sealed record BlockFigures(ulong Height, int Txs, long Bytes, IReadOnlyList<string> MissedValidators);

/// <summary>Metrics that go nowhere: the default where no metrics are configured (tests, tools). Stateless; thread safe.</summary>
public sealed class NullNodeMetrics : INodeMetrics
{
    public static readonly NullNodeMetrics Instance = new();

    private NullNodeMetrics()
    {
    }

    public void ConsensusProgress(ulong height, uint round, VoteStep step) { }
    public void HeightCommitted(TimeSpan sinceHeightStart) { }
    public void BlockCommitted(BlockFigures block) { }
    public void TxAdmission(AdmitOutcome outcome) { }
    public void BlockSynced() { }
    public void EvidenceSeen() { }
}
