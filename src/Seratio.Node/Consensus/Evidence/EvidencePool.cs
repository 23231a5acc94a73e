using Seratio.Core.Crypto;

namespace Seratio.Node.Consensus.Evidence;

/// <summary>
/// Verified evidence waiting for a block: from this node's engine and from peers. Bounded
/// (<see cref="Capacity"/>; when full, new evidence is refused — the older is nearer to expiring and
/// every honest node holds it too). Ordered by (height, hash), so proposers take the oldest first.
/// Not thread safe: the driver's loop owns it.
/// </summary>
public sealed class EvidencePool
{
    public const int Capacity = 256;
    private readonly SortedDictionary<(ulong Height, Hash32 Hash), Seratio.Protocol.Evidence> _pending = [];
    private readonly HashSet<Hash32> _hashes = [];

    public int Count => _pending.Count;

    /// <summary>Adds evidence of <paramref name="height"/>; false when already held or the pool is full.</summary>
    public bool Add(Seratio.Protocol.Evidence evidence, Hash32 hash, ulong height)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        if (_hashes.Contains(hash) || _pending.Count >= Capacity) return false;
        _pending.Add((height, hash), evidence);
        _hashes.Add(hash);
        return true;
    }

    public bool Contains(Hash32 hash) => _hashes.Contains(hash);

    /// <summary>Everything held, oldest first.</summary>
    public IReadOnlyList<Seratio.Protocol.Evidence> All() => [.. _pending.Values];

    /// <summary>Drops what <paramref name="drop"/> says is committed or no longer admissible.</summary>
    public void Prune(Func<Seratio.Protocol.Evidence, bool> drop)
    {
        ArgumentNullException.ThrowIfNull(drop);
        foreach (var (key, evidence) in _pending.ToArray())
        {
            if (!drop(evidence)) continue;
            _pending.Remove(key);
            _hashes.Remove(key.Hash);
        }
    }
}
