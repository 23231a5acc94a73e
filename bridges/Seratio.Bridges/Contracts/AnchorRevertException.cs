namespace Seratio.Bridges.Contracts;

/// <summary>The anchor contract refused a call; <see cref="ErrorName"/> names the rule (docs/anchoring.md). Immutable.</summary>
public sealed class AnchorRevertException(string? errorName, string revertData, Exception inner)
    : Exception($"the anchor contract refused the call: {errorName ?? "unknown error"} ({revertData})", inner)
{
    /// <summary>The custom error's name, e.g. <c>InsufficientPower</c>; null when the data matches none.</summary>
    public string? ErrorName { get; } = errorName;

    /// <summary>The raw revert data, hex.</summary>
    public string RevertData { get; } = revertData;
}
