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
        if (options.VerifiedCacheSize < 1) failures.Add($"Mempool:VerifiedCacheSize must be at least 1 (is {options.VerifiedCacheSize}).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
