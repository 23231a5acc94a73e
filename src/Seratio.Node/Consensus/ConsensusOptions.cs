using Microsoft.Extensions.Options;
using Seratio.Consensus.Engine;

namespace Seratio.Node.Consensus;

/// <summary>
/// Settings of the consensus driver and block sync (configuration section "Consensus"). Mutable
/// options object bound at start; validated by <see cref="ConsensusOptionsValidator"/>.
/// </summary>
public sealed class ConsensusOptions
{
    public const string Section = "Consensus";

    /// <summary>Step timeouts of the engine (section "Consensus:Timeouts"). Defaults: docs/consensus.md.</summary>
    public TimeoutOptions Timeouts { get; set; } = new();

    /// <summary>Wait after committing a block before starting the next height, so the next block gathers transactions. Default 1000 ms.</summary>
    public int CommitWaitMs { get; set; } = 1000;

    /// <summary>How often the driver re-sends what the current height needs when it makes no progress, and announces its head to peers for block sync. Default 1000 ms.</summary>
    public int TickMs { get; set; } = 1000;

    /// <summary>Blocks asked for in one sync request. Default 32.</summary>
    public int SyncBatch { get; set; } = 32;

    /// <summary>A sync request unanswered for this long is sent again (to the best peer). Default 3000 ms.</summary>
    public int SyncRequestTimeoutMs { get; set; } = 3000;

    /// <summary>
    /// Most transactions this node puts in a block it proposes; 0 = the genesis limit (max_block_txs).
    /// A smaller cap keeps a proposal buildable and checkable within the propose timeout after a
    /// backlog has built up, instead of one huge block that misses it round after round. Default 0.
    /// </summary>
    public int ProposalMaxTxs { get; set; }

    /// <summary>
    /// Longest wait for something to put in a block: once the commit wait is over, the next height starts only when the
    /// mempool holds a transaction, evidence waits, a peer already works on that height, or this long has passed since
    /// the last commit; then an empty block is made. 0 starts every height at once (an empty block per commit wait).
    /// Default 0.
    /// </summary>
    public int EmptyBlockIntervalMs { get; set; }

    /// <summary>
    /// Added to the propose timeout for each thousand transactions the mempool holds (up to the proposal cap), so
    /// that a proposer has time to build, and peers to receive, a large block before its round times out: the
    /// timeout grows with the block expected, not with the backlog beyond what one block carries. Default 150 ms.
    /// </summary>
    public int ProposeMsPerThousandTxs { get; set; } = 150;

    /// <summary>The consensus write-ahead log, relative to the node's home. Default "data/consensus.wal".</summary>
    public string WalFile { get; set; } = "data/consensus.wal";
}

/// <summary>Checks <see cref="ConsensusOptions"/> at start. Stateless; thread safe.</summary>
public sealed class ConsensusOptionsValidator : IValidateOptions<ConsensusOptions>
{
    public ValidateOptionsResult Validate(string? name, ConsensusOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Timeouts.Validate() is { } problem) return ValidateOptionsResult.Fail($"Consensus:Timeouts: {problem}");
        if (options.CommitWaitMs is < 0 or > 600_000) return ValidateOptionsResult.Fail($"Consensus:CommitWaitMs must be 0..600000, got {options.CommitWaitMs}");
        if (options.TickMs is < 10 or > 60_000) return ValidateOptionsResult.Fail($"Consensus:TickMs must be 10..60000, got {options.TickMs}");
        if (options.SyncBatch is < 1 or > 1000) return ValidateOptionsResult.Fail($"Consensus:SyncBatch must be 1..1000, got {options.SyncBatch}");
        if (options.SyncRequestTimeoutMs is < 100 or > 600_000)
            return ValidateOptionsResult.Fail($"Consensus:SyncRequestTimeoutMs must be 100..600000, got {options.SyncRequestTimeoutMs}");
        if (options.ProposalMaxTxs < 0) return ValidateOptionsResult.Fail($"Consensus:ProposalMaxTxs must be 0 (the genesis limit) or more, got {options.ProposalMaxTxs}");
        if (options.EmptyBlockIntervalMs is < 0 or > 3_600_000)
            return ValidateOptionsResult.Fail($"Consensus:EmptyBlockIntervalMs must be 0..3600000, got {options.EmptyBlockIntervalMs}");
        if (options.ProposeMsPerThousandTxs is < 0 or > 60_000)
            return ValidateOptionsResult.Fail($"Consensus:ProposeMsPerThousandTxs must be 0..60000, got {options.ProposeMsPerThousandTxs}");
        if (string.IsNullOrWhiteSpace(options.WalFile)) return ValidateOptionsResult.Fail("Consensus:WalFile must name a file");
        return ValidateOptionsResult.Success;
    }
}
