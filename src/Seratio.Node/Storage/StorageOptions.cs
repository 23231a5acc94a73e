using Microsoft.Extensions.Options;

namespace Seratio.Node.Storage;

/// <summary>
/// The free-disk guard's thresholds and the retention of old heights (configuration section "Storage";
/// docs/operations.md, "Disk" and "Retention"). Mutable options object bound at start.
/// </summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Below this much free space on the chain's disk the node accepts no new transactions (ResourceExhausted). Default 512 MiB.</summary>
    public long MinFreeMegabytes { get; set; } = 512;

    /// <summary>
    /// Below this much free space the node stops cleanly (exit code 75) before RocksDB hits a full disk; every
    /// committed block stays, and it resumes when started again with space freed. Default 128 MiB.
    /// </summary>
    public long StopFreeMegabytes { get; set; } = 128;

    /// <summary>How often the free space is measured. Default 2000 ms.</summary>
    public int CheckIntervalMs { get; set; } = 2000;

    /// <summary>
    /// How many recent heights' state (values and proofs) the node keeps; older state is pruned and queries for it
    /// get NotFound. 0 keeps every height (an archive). Otherwise at least <see cref="MinKeepStates"/>, and above
    /// the genesis's evidence_max_age_heights (evidence is checked against the validator set of its height).
    /// Default 0.
    /// </summary>
    public long KeepStates { get; set; }

    /// <summary>
    /// How many recent blocks (with commits, receipts and transaction index) the node keeps; 0 keeps every block.
    /// Only for nodes without a validator key, and only with <see cref="KeepStates"/> between 1 and this value
    /// (a node never keeps state whose block it dropped). Peers syncing below the window are refused. Default 0.
    /// </summary>
    public long KeepBlocks { get; set; }

    /// <summary>How often the pruner looks for heights that left the window (it then deletes all of them, a height a batch). Default 1000 ms.</summary>
    public int PruneIntervalMs { get; set; } = 1000;

    /// <summary>The fewest heights a pruning node keeps: the head and the height before it, which validator set lookups read.</summary>
    public const long MinKeepStates = 2;
}

/// <summary>Checks <see cref="StorageOptions"/> at start. Stateless; thread safe.</summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.StopFreeMegabytes < 0) return ValidateOptionsResult.Fail($"Storage:StopFreeMegabytes must be 0 or more, got {options.StopFreeMegabytes}");
        if (options.MinFreeMegabytes < options.StopFreeMegabytes)
            return ValidateOptionsResult.Fail($"Storage:MinFreeMegabytes ({options.MinFreeMegabytes}) must be at least Storage:StopFreeMegabytes ({options.StopFreeMegabytes}): the node refuses transactions before it stops");
        if (options.CheckIntervalMs is < 10 or > 600_000) return ValidateOptionsResult.Fail($"Storage:CheckIntervalMs must be 10..600000, got {options.CheckIntervalMs}");
        if (options.KeepStates < 0 || options.KeepStates is > 0 and < StorageOptions.MinKeepStates)
            return ValidateOptionsResult.Fail($"Storage:KeepStates must be 0 (keep every height) or at least {StorageOptions.MinKeepStates}, got {options.KeepStates}");
        if (options.KeepBlocks < 0) return ValidateOptionsResult.Fail($"Storage:KeepBlocks must be 0 (keep every block) or more, got {options.KeepBlocks}");
        if (options.KeepBlocks > 0 && (options.KeepStates == 0 || options.KeepStates > options.KeepBlocks))
            return ValidateOptionsResult.Fail($"Storage:KeepBlocks ({options.KeepBlocks}) needs Storage:KeepStates between {StorageOptions.MinKeepStates} and {options.KeepBlocks} " +
                $"(got {options.KeepStates}): a node does not keep the state of heights whose blocks it dropped");
        if (options.PruneIntervalMs is < 10 or > 600_000) return ValidateOptionsResult.Fail($"Storage:PruneIntervalMs must be 10..600000, got {options.PruneIntervalMs}");
        return ValidateOptionsResult.Success;
    }
}
