using Microsoft.Extensions.Options;

namespace Seratio.Node.Storage;

/// <summary>The free-disk guard's thresholds (configuration section "Storage"). Mutable options object bound at start.</summary>
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
        return ValidateOptionsResult.Success;
    }
}
