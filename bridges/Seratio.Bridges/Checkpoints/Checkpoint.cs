namespace Seratio.Bridges.Checkpoints;

/// <summary>
/// A Seratio checkpoint as the anchor contract takes it (docs/anchoring.md): the block of
/// <see cref="Height"/>, its post-state root and the anchor sets signing it and following it.
/// Each hash is 32 bytes. Immutable.
/// </summary>
public sealed record Checkpoint(
    string SeratioChainId,
    ulong Height,
    byte[] BlockHash,
    byte[] StateRoot,
    byte[] AnchorSetHash,
    byte[] NextAnchorSetHash)
{
    /// <summary>A checkpoint whose anchor set stays the same.</summary>
    public static Checkpoint Unchanged(string seratioChainId, ulong height, byte[] blockHash, byte[] stateRoot, AnchorSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return new(seratioChainId, height, blockHash, stateRoot, set.Hash, set.Hash);
    }
}
