using System.Numerics;

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

    /// <summary>How many transactions this height took (1 + re-submissions after drops and reorgs; fee bumps not counted).</summary>
    public int Attempts { get; set; }

    /// <summary>
    /// Earlier transactions of the same nonce that a fee bump replaced (0x… hashes, oldest first). Until one transaction of
    /// the nonce is mined any of them may be, so an inclusion of any is recognised as this entry's.
    /// </summary>
    public List<string> ReplacedTxHashes { get; set; } = [];

    /// <summary>How many times the current nonce's transaction was replaced with a higher fee.</summary>
    public int FeeBumps { get; set; }

    /// <summary>The offered type-0 gas price in wei (decimal; "0" for type 2).</summary>
    public string GasPriceWei { get; set; } = "0";

    /// <summary>The offered type-2 max fee per gas in wei (decimal; "0" for type 0).</summary>
    public string MaxFeeWei { get; set; } = "0";

    /// <summary>The offered type-2 max priority fee per gas in wei (decimal; "0" for type 0).</summary>
    public string TipWei { get; set; } = "0";

    /// <summary>The EVM head when the current transaction was sent, to count the blocks it has waited.</summary>
    public ulong SubmittedAtBlock { get; set; }

    /// <summary>When the current transaction was sent (Unix milliseconds, the relayer's clock), to count the time it has waited.</summary>
    public long SubmittedAtUnixMs { get; set; }

    /// <summary>The fees the current transaction offers.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public TxFees Fees
    {
        get => new(Parse(GasPriceWei), Parse(MaxFeeWei), Parse(TipWei));
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            GasPriceWei = value.GasPrice.ToString(System.Globalization.CultureInfo.InvariantCulture);
            MaxFeeWei = value.MaxFee.ToString(System.Globalization.CultureInfo.InvariantCulture);
            TipWei = value.Tip.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Every hash this entry's current nonce was sent under: the current one first, then the replaced ones.</summary>
    public IEnumerable<string> AllTxHashes => ReplacedTxHashes.Prepend(TxHash).Where(h => h.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase);

    /// <summary>True once nothing more is to be done for it.</summary>
    public bool IsDone => State is OutboxState.Confirmed or OutboxState.Superseded;

    private static BigInteger Parse(string? text) =>
        BigInteger.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : BigInteger.Zero;
}
