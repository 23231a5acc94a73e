using Seratio.Protocol;

namespace Seratio.Consensus.Wal;

/// <summary>
/// The consensus write-ahead log: every input of the engine is appended before it is processed,
/// so that a restarted validator replays them and resumes the round (and lock) it was in.
/// <see cref="Sync"/> makes everything appended so far durable; the engine calls it before any
/// signature leaves the node, so the inputs that led to a signed message always survive a crash.
/// Entries appended after the last sync may be lost. Not required to be thread safe: one engine uses it.
/// </summary>
public interface IConsensusWal
{
    void Append(ConsensusWalEntry entry);

    /// <summary>Durably persists every entry appended so far (fsync in a file implementation).</summary>
    void Sync();

    /// <summary>
    /// The entries of <paramref name="height"/>, from its start marker on, in append order; empty
    /// when the log holds no start marker for that height.
    /// </summary>
    IReadOnlyList<ConsensusWalEntry> ReadHeight(ulong height);
}
