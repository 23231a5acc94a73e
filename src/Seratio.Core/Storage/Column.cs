namespace Seratio.Core.Storage;

/// <summary>
/// The column families of a node's store (ARCHITECTURE.md, Storage). Names are on disk:
/// never rename one.
/// </summary>
public enum Column
{
    /// <summary>Chain metadata: last committed height, genesis hash, signer state.</summary>
    Meta,
    /// <summary>height (8 bytes BE) → encoded Block; "h" + block hash → height.</summary>
    Blocks,
    /// <summary>height (8 bytes BE) → encoded Commit certifying that block.</summary>
    Commits,
    /// <summary>tx hash → encoded TxLocation.</summary>
    Txs,
    /// <summary>height (8 BE) + index (4 BE) → encoded Receipt.</summary>
    Receipts,
    /// <summary>state-tree node hash → encoded node (content addressed, immutable).</summary>
    StateNodes,
    /// <summary>state key → latest value.</summary>
    StateLatest,
    /// <summary>state key + height (8 BE) → value at that height (empty = deleted).</summary>
    StateHistory,
    /// <summary>height (8 BE) → state root; secondary indexes.</summary>
    Indexes,
    /// <summary>state-tree node hash → the last height (8 BE) that wrote it; lets a pruner tell a dead node from one written again.</summary>
    StateNodeBirths,
}

public static class Columns
{
    public static readonly IReadOnlyList<Column> All = Enum.GetValues<Column>();
    public static string Name(Column column) => column switch
    {
        Column.Meta => "meta",
        Column.Blocks => "blocks",
        Column.Commits => "commits",
        Column.Txs => "txs",
        Column.Receipts => "receipts",
        Column.StateNodes => "state_nodes",
        Column.StateLatest => "state_latest",
        Column.StateHistory => "state_history",
        Column.Indexes => "indexes",
        Column.StateNodeBirths => "state_node_births",
        _ => throw new ArgumentOutOfRangeException(nameof(column)),
    };
}
