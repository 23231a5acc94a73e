using Google.Protobuf;
using Seratio.Protocol;

namespace Seratio.Consensus.Wal;

/// <summary>
/// An <see cref="IConsensusWal"/> in memory for tests and simulation. Keeps only the entries of
/// the latest started height. <see cref="LoseUnsynced"/> simulates a crash that loses what was
/// appended after the last <see cref="Sync"/>. Entries are stored encoded, as a file would hold
/// them. Not thread safe.
/// </summary>
public sealed class InMemoryConsensusWal : IConsensusWal
{
    private readonly List<byte[]> _entries = [];
    private int _synced;

    public int Count => _entries.Count;
    public int SyncedCount => _synced;
    public int Syncs { get; private set; }

    public void Append(ConsensusWalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.KindCase == ConsensusWalEntry.KindOneofCase.StartHeight)
        {
            // Earlier heights are decided; their inputs are obsolete. Keeping them unsynced-then-lost
            // would not matter either, so truncation counts as synced.
            _entries.Clear();
            _synced = 0;
        }
        _entries.Add(entry.ToByteArray());
    }

    public void Sync()
    {
        _synced = _entries.Count;
        Syncs++;
    }

    /// <summary>Drops every entry appended after the last <see cref="Sync"/>, as a crash before an fsync would.</summary>
    public void LoseUnsynced()
    {
        if (_synced < _entries.Count) _entries.RemoveRange(_synced, _entries.Count - _synced);
    }

    public IReadOnlyList<ConsensusWalEntry> ReadHeight(ulong height)
    {
        var result = new List<ConsensusWalEntry>();
        foreach (var bytes in _entries)
        {
            var entry = ConsensusWalEntry.Parser.ParseFrom(bytes);
            if (entry.KindCase == ConsensusWalEntry.KindOneofCase.StartHeight)
            {
                result.Clear();
                if (entry.StartHeight != height) continue;
                result.Add(entry);
            }
            else if (result.Count > 0) result.Add(entry);
        }
        return result;
    }
}
