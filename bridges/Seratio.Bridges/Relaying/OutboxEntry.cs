namespace Seratio.Bridges.Relaying;

/// <summary>Where one checkpoint's submission stands (docs/anchoring.md "Relayers").</summary>
public enum OutboxState
{
    /// <summary>Signed and sent; no receipt yet.</summary>
    Submitted,
    /// <summary>In a block (number and hash recorded), not yet deep enough.</summary>
    Included,
    /// <summary>Its block is the configured depth deep: done.</summary>
    Confirmed,
    /// <summary>The contract already holds this height or a later one (another relayer won, or a later checkpoint landed): done.</summary>
    Superseded,
}

/// <summary>
/// One checkpoint's submission in the <see cref="Outbox"/>: the signed transaction (so a restart re-broadcasts the
/// same bytes rather than sending again) and, once mined, the block it landed in. A mutable record owned by the relayer's loop.
/// </summary>
public sealed class OutboxEntry
{
    /// <summary>The Seratio checkpoint height.</summary>
    public ulong Height { get; set; }

    /// <summary>Current state.</summary>
    public OutboxState State { get; set; }

    /// <summary>The transaction's hash (0x…).</summary>
    public string TxHash { get; set; } = "";

    /// <summary>The signed transaction (0x…), re-broadcast when the EVM node does not know it.</summary>
    public string RawTx { get; set; } = "";

    /// <summary>The <c>submitCheckpoint</c> call data (0x…), signed again with a fresh nonce after a drop or a reorg.</summary>
    public string CallData { get; set; } = "";

    /// <summary>The relayer account's nonce the transaction uses.</summary>
    public ulong Nonce { get; set; }

    /// <summary>The EVM block that included it (when <see cref="OutboxState.Included"/> or <see cref="OutboxState.Confirmed"/>).</summary>
    public ulong BlockNumber { get; set; }

    /// <summary>That block's hash (0x…), compared with the canonical chain to notice a reorg.</summary>
    public string BlockHash { get; set; } = "";

    /// <summary>How many transactions this height took (1 + re-submissions after drops and reorgs).</summary>
    public int Attempts { get; set; }

    /// <summary>True once nothing more is to be done for it.</summary>
    public bool IsDone => State is OutboxState.Confirmed or OutboxState.Superseded;
}
