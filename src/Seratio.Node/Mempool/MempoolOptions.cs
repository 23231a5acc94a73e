using Microsoft.Extensions.Options;

namespace Seratio.Node.Mempool;

/// <summary>
/// Limits of the transaction pool (configuration section "Mempool"). Defaults suit a node with
/// a few GiB of memory. Immutable once bound.
/// </summary>
public sealed class MempoolOptions
{
    public const string Section = "Mempool";

    /// <summary>Most pending transactions held at once. Default 100,000.</summary>
    public int MaxTxs { get; set; } = 100_000;

    /// <summary>Most bytes of pending transactions held at once. Default 256 MiB.</summary>
    public long MaxBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Most pending transactions of one sender. Default 1,024.</summary>
    public int MaxPerAccount { get; set; } = 1_024;

    /// <summary>
    /// How far ahead of the sender's next nonce a transaction may be and still be held (queued,
    /// not proposed until the gap fills). Default 64; 1 means "no gaps at all".
    /// </summary>
    public int NonceWindow { get; set; } = 64;

    /// <summary>How many verified signatures are remembered by transaction hash. Default 262,144.</summary>
    public int VerifiedCacheSize { get; set; } = 262_144;

    /// <summary>
    /// Most parked transactions (held behind a missing nonce of their sender, so not proposable)
    /// in the whole pool. Default null: 10 % of <see cref="MaxTxs"/> (at least 1). Parked
    /// transactions cost nothing to send and may never become valid, so they get a small share.
    /// </summary>
    public int? MaxParked { get; set; }

    /// <summary>Most parked transactions of one sender. Default 16.</summary>
    public int MaxParkedPerAccount { get; set; } = 16;

    /// <summary>
    /// A transaction still parked this many heights after it was admitted is dropped. Default 20.
    /// </summary>
    public int ParkedMaxAgeHeights { get; set; } = 20;

    /// <summary>
    /// This node's admission floor for gas_price, on top of the chain's params.min_gas_price
    /// (which blocks enforce). Node-local: blocks from other proposers may still carry cheaper
    /// transactions. Default 0 (only the chain's minimum).
    /// </summary>
    public ulong MinGasPrice { get; set; }

    /// <summary>The parked budget in force: <see cref="MaxParked"/> or 10 % of <see cref="MaxTxs"/>, at least 1.</summary>
    public int EffectiveMaxParked => MaxParked ?? Math.Max(1, MaxTxs / 10);
}

/// <summary>Refuses option values the pool cannot work with, naming the setting.</summary>
public sealed class MempoolOptionsValidator : IValidateOptions<MempoolOptions>
{
    public ValidateOptionsResult Validate(string? name, MempoolOptions options)
    {
        var failures = new List<string>();
        if (options.MaxTxs < 1) failures.Add($"Mempool:MaxTxs must be at least 1 (is {options.MaxTxs}).");
        if (options.MaxBytes < 1024) failures.Add($"Mempool:MaxBytes must be at least 1024 (is {options.MaxBytes}).");
        if (options.MaxPerAccount < 1) failures.Add($"Mempool:MaxPerAccount must be at least 1 (is {options.MaxPerAccount}).");
        if (options.NonceWindow is < 1 or > 1_000_000) failures.Add($"Mempool:NonceWindow must be 1..1000000 (is {options.NonceWindow}).");
        if (options.MaxParked is < 0) failures.Add($"Mempool:MaxParked must be 0 or more (is {options.MaxParked}).");
        if (options.MaxParkedPerAccount < 0) failures.Add($"Mempool:MaxParkedPerAccount must be 0 or more (is {options.MaxParkedPerAccount}).");
        if (options.ParkedMaxAgeHeights < 1) failures.Add($"Mempool:ParkedMaxAgeHeights must be at least 1 (is {options.ParkedMaxAgeHeights}).");
        if (options.VerifiedCacheSize < 1) failures.Add($"Mempool:VerifiedCacheSize must be at least 1 (is {options.VerifiedCacheSize}).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
