namespace Seratio.Bridges.Relaying;

/// <summary>Where a relayer learns of ready checkpoints: a node's public API. Implementations say their thread safety.</summary>
public interface ICheckpointSource
{
    /// <summary>The checkpoints ready for <paramref name="target"/> above <paramref name="aboveHeight"/>, ascending by height.</summary>
    Task<IReadOnlyList<ReadyCheckpoint>> ReadyAboveAsync(string target, ulong aboveHeight, CancellationToken cancellationToken);
}
