using Microsoft.Extensions.Options;

namespace Seratio.Node.Production;

/// <summary>Block production timing (configuration section "Chain:Producer").</summary>
public sealed class ProducerOptions
{
    public const string Section = "Chain:Producer";

    /// <summary>How often (ms) the producer looks at the pool; a block is made when it holds transactions. Default 200.</summary>
    public int BlockIntervalMs { get; set; } = 200;

    /// <summary>Longest time (ms) without a block: after it an empty block is made. Default 5000.</summary>
    public int EmptyBlockIntervalMs { get; set; } = 5000;
}

/// <summary>Checks <see cref="ProducerOptions"/> at start. Stateless; thread safe.</summary>
public sealed class ProducerOptionsValidator : IValidateOptions<ProducerOptions>
{
    public ValidateOptionsResult Validate(string? name, ProducerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.BlockIntervalMs is < 1 or > 60_000)
            return ValidateOptionsResult.Fail($"Chain:Producer:BlockIntervalMs must be 1..60000, got {options.BlockIntervalMs}");
        if (options.EmptyBlockIntervalMs < options.BlockIntervalMs || options.EmptyBlockIntervalMs > 3_600_000)
            return ValidateOptionsResult.Fail(
                $"Chain:Producer:EmptyBlockIntervalMs must be between BlockIntervalMs ({options.BlockIntervalMs}) and 3600000, got {options.EmptyBlockIntervalMs}");
        return ValidateOptionsResult.Success;
    }
}
