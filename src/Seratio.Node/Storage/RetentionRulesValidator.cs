using Microsoft.Extensions.Options;

namespace Seratio.Node.Storage;

/// <summary>
/// The retention checks that depend on the node's role and its genesis, at start (docs/operations.md, "Retention"):
/// a validator keeps every block, because its peers and new observers sync from validators, and a node that
/// prunes state keeps more heights than the genesis's evidence_max_age_heights, because evidence up to that age is
/// checked against the validator set its height's state holds. Immutable; thread safe.
/// </summary>
public sealed class RetentionRulesValidator(bool validator, ulong evidenceMaxAgeHeights) : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (validator && options.KeepBlocks > 0)
            return ValidateOptionsResult.Fail($"Storage:KeepBlocks is {options.KeepBlocks}, but this node holds a validator key: validators keep every block " +
                "(peers and new observers sync from them). Set Storage:KeepBlocks to 0, or prune blocks on an observer");
        if (options.KeepStates > 0 && (ulong)options.KeepStates <= evidenceMaxAgeHeights)
            return ValidateOptionsResult.Fail($"Storage:KeepStates is {options.KeepStates}, but the genesis's evidence_max_age_heights is {evidenceMaxAgeHeights}: " +
                $"evidence that old is checked against the validator set of its height, so keep at least {evidenceMaxAgeHeights + 1} heights (or 0 for all)");
        return ValidateOptionsResult.Success;
    }
}
