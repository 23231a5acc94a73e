using Seratio.Consensus.Votes;
using Seratio.Consensus.Wal;
using Seratio.Core.Crypto;
using Seratio.Protocol;

namespace Seratio.Consensus.Engine;

/// <summary>
/// The engine's side of the WAL: appends inputs and our own signed messages unless replaying, and
/// during a replay serves the messages we signed before the crash, so that they are re-sent as they
/// were instead of being signed again (the double-sign guard would refuse any but the last). Not thread safe.
/// </summary>
internal sealed class WalWriter(IConsensusWal wal, PublicKey self)
{
    private readonly byte[] _self = self.ToArray();
    private Dictionary<(VoteStep, uint), ConsensusMessage>? _ownSigned;

    public bool Replaying => _ownSigned is not null;

    /// <summary>Logs an input; nothing during a replay, which reads those inputs from the log.</summary>
    public void Append(ConsensusWalEntry entry)
    {
        if (!Replaying) wal.Append(entry);
    }

    /// <summary>
    /// Logs a message we just signed, also during a replay: a message re-signed in a replay (its entry was
    /// lost with the unsynced tail) must be in the log for the next replay, or that replay could not
    /// reproduce it — the guard refuses to sign anything but the last state again.
    /// </summary>
    public void AppendOwn(ConsensusWalEntry entry)
    {
        wal.Append(entry);
        if (_ownSigned is not null) Index(entry);
    }

    /// <summary>Makes everything appended durable; called before every signature.</summary>
    public void Sync() => wal.Sync();

    public void BeginReplay(IReadOnlyList<ConsensusWalEntry> entries)
    {
        _ownSigned = [];
        foreach (var entry in entries) Index(entry);
    }

    private void Index(ConsensusWalEntry entry)
    {
        if (entry.KindCase != ConsensusWalEntry.KindOneofCase.Message) return;
        var m = entry.Message;
        if (m.KindCase == ConsensusMessage.KindOneofCase.Vote && m.Vote.Validator.Span.SequenceEqual(_self))
        {
            var step = m.Vote.Type == VoteType.Prevote ? VoteStep.Prevote : VoteStep.Precommit;
            _ownSigned!.TryAdd((step, m.Vote.Round), m);
        }
        else if (m.KindCase == ConsensusMessage.KindOneofCase.Proposal && m.Proposal.Proposer.Span.SequenceEqual(_self))
            _ownSigned!.TryAdd((VoteStep.Propose, m.Proposal.Round), m);
    }

    public void EndReplay() => _ownSigned = null;

    /// <summary>During a replay: the message we signed at (step, round) before the crash, if the WAL holds it.</summary>
    public bool TryGetOwn(VoteStep step, uint round, out ConsensusMessage message)
    {
        if (_ownSigned is not null && _ownSigned.TryGetValue((step, round), out message!)) return true;
        message = null!;
        return false;
    }
}
