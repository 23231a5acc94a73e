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
    private Dictionary<(VoteStep, uint), ConsensusMessage>? _ownSigned;

    public bool Replaying => _ownSigned is not null;

    public void Append(ConsensusWalEntry entry)
    {
        if (!Replaying) wal.Append(entry);
    }

    /// <summary>Makes everything appended durable; called before every signature.</summary>
    public void Sync()
    {
        if (!Replaying) wal.Sync();
    }

    public void BeginReplay(IReadOnlyList<ConsensusWalEntry> entries)
    {
        _ownSigned = [];
        foreach (var entry in entries)
        {
            if (entry.KindCase != ConsensusWalEntry.KindOneofCase.Message) continue;
            var m = entry.Message;
            if (m.KindCase == ConsensusMessage.KindOneofCase.Vote && m.Vote.Validator.Span.SequenceEqual(self.ToArray()))
            {
                var step = m.Vote.Type == VoteType.Prevote ? VoteStep.Prevote : VoteStep.Precommit;
                _ownSigned.TryAdd((step, m.Vote.Round), m);
            }
            else if (m.KindCase == ConsensusMessage.KindOneofCase.Proposal && m.Proposal.Proposer.Span.SequenceEqual(self.ToArray()))
                _ownSigned.TryAdd((VoteStep.Propose, m.Proposal.Round), m);
        }
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
