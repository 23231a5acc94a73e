using Seratio.Core.Crypto;

namespace Seratio.Core.State;

/// <summary>
/// Tree nodes held in memory, for tests and the deterministic simulation. Nodes are content
/// addressed and immutable, so adding a node twice is harmless. Not thread safe for writes
/// concurrent with reads.
/// </summary>
public sealed class InMemoryTreeNodeSource : ITreeNodeSource
{
    private readonly Dictionary<Hash32, byte[]> _nodes = [];

    /// <summary>Number of distinct nodes held.</summary>
    public int Count => _nodes.Count;

    public byte[]? GetNode(in Hash32 hash) => _nodes.TryGetValue(hash, out var node) ? node : null;

    /// <summary>Stores the nodes of a <see cref="TreeUpdate"/> (or any hash → encoding pairs).</summary>
    public void Add(IEnumerable<KeyValuePair<Hash32, byte[]>> newNodes)
    {
        ArgumentNullException.ThrowIfNull(newNodes);
        foreach (var (hash, encoded) in newNodes) _nodes[hash] = encoded;
    }
}
