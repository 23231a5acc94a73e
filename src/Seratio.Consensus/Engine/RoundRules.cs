using Google.Protobuf;
using Seratio.Consensus.Messages;
using Seratio.Consensus.Validators;
using Seratio.Consensus.Votes;
using Seratio.Core.Crypto;
using Seratio.Protocol;

namespace Seratio.Consensus.Engine;

/// <summary>
/// The rules of Algorithm 1 of "The latest gossip on BFT consensus" (lines 11–65) over one
/// <see cref="HeightState"/>. Each rule is checked after every input until none fires; line
/// numbers refer to the paper. Signing always goes: WAL sync, then the signer (which persists
/// its state), then the broadcast. Not thread safe.
/// </summary>
internal sealed class RoundRules
{
    private readonly TimeoutOptions _timeouts;
    private readonly IConsensusSigner _signer;
    private readonly WalWriter _wal;
    private readonly ProposerSchedule _proposers;
    private readonly HeightState _s;
    private readonly List<ConsensusOutput> _out;
    private readonly bool _isValidator;

    public RoundRules(HeightState state, ProposerSchedule proposers, TimeoutOptions timeouts, IConsensusSigner signer, WalWriter wal,
        List<ConsensusOutput> output)
    {
        _s = state;
        _proposers = proposers;
        _timeouts = timeouts;
        _signer = signer;
        _wal = wal;
        _out = output;
        _isValidator = state.Validators.Contains(signer.PublicKey);
    }

    public PublicKey ProposerOf(uint round) => _proposers.ProposerAt(_s.Height, round);

    /// <summary>Lines 11–21.</summary>
    public void StartRound(uint round)
    {
        _s.Round = round;
        _s.Step = VoteStep.Propose;
        if (_isValidator && ProposerOf(round) == _signer.PublicKey)
        {
            if (_s.ValidBlock is { } valid) Propose(round, valid, _s.ValidHash, _s.ValidRound);
            else if (_s.ProposalRequested.Add(round)) _out.Add(new RequestProposalBlock(_s.Height, round));
        }
        // The proposer schedules it too: if its driver cannot build a block in time, it moves on like everyone else.
        Schedule(VoteStep.Propose, round);
    }

    /// <summary>Our own freshly built block for (height, round); it was executed by the driver, so it is valid.</summary>
    public void OnOwnBlock(uint round, Block block)
    {
        if (round != _s.Round || _s.Step != VoteStep.Propose || _s.Proposals.HasRound(round)) return;
        if (!_isValidator || ProposerOf(round) != _signer.PublicKey) return;
        var hash = BlockIds.Of(block);
        _s.Validity[hash] = true;
        Propose(round, block, hash, -1);
    }

    public void OnTimeout(TimeoutEvent t)
    {
        if (t.Height != _s.Height || t.Round != _s.Round || _s.Decision is not null) return;
        switch (t.Step)
        {
            case VoteStep.Propose when _s.Step == VoteStep.Propose: // line 57
                CastVote(VoteStep.Prevote, Hash32.Zero);
                _s.Step = VoteStep.Prevote;
                break;
            case VoteStep.Prevote when _s.Step == VoteStep.Prevote: // line 61
                CastVote(VoteStep.Precommit, Hash32.Zero);
                _s.Step = VoteStep.Precommit;
                break;
            case VoteStep.Precommit: // line 65
                StartRound(_s.Round + 1);
                break;
        }
    }

    /// <summary>Applies every rule until none fires.</summary>
    public void Evaluate()
    {
        while (_s.Decision is null && (TryDecide() || TrySkipRound() || TryPrevoteOnProposal() || TryScheduleTimeouts()
                                       || TryLockOnPolka() || TryPrecommitNil())) { }
    }

    /// <summary>Line 49: a proposal and precommits of more than 2/3 for its valid block, in any round.</summary>
    private bool TryDecide()
    {
        foreach (uint round in _s.Votes.Rounds)
        {
            var precommits = _s.Votes.Precommits(round);
            if (!precommits.TryGetQuorum(out var hash) || hash.IsZero) continue;
            if (!_s.Proposals.TryGetBlock(hash, out var block) || _s.IsValid(hash) != true) continue;
            var commit = new Commit { Height = _s.Height, Round = round, BlockHash = hash.ToByteString() };
            foreach (var v in precommits.VotesFor(hash))
                commit.Signatures.Add(new CommitSig { Validator = v.Message.Validator, Signature = v.Message.Signature });
            _s.Decision = new Decide(_s.Height, round, block, hash, commit);
            _out.Add(_s.Decision);
            return true;
        }
        return false;
    }

    /// <summary>Line 55: messages of more than 1/3 of the power in a higher round.</summary>
    private bool TrySkipRound()
    {
        uint? target = null;
        foreach (uint round in _s.Votes.Rounds)
            if (round > _s.Round && _s.Votes.HasOneThirdIn(round)) target = round;
        if (target is not { } r) return false;
        StartRound(r);
        return true;
    }

    /// <summary>Lines 22 and 28: prevote on the round's proposal once its block's validity is known.</summary>
    private bool TryPrevoteOnProposal()
    {
        if (_s.Step != VoteStep.Propose || !_s.Proposals.TryGetFirst(_s.Round, out var p)) return false;
        if (_s.IsValid(p.BlockHash) is not { } valid) return false;
        bool accept;
        if (p.PolRound < 0)
            accept = valid && (_s.LockedRound == -1 || _s.LockedHash == p.BlockHash);
        else if (_s.Votes.Prevotes((uint)p.PolRound).HasQuorumFor(p.BlockHash))
            accept = valid && (_s.LockedRound <= p.PolRound || _s.LockedHash == p.BlockHash);
        else
            return false; // wait for the proof of lock, or for timeoutPropose
        CastVote(VoteStep.Prevote, accept ? p.BlockHash : Hash32.Zero);
        _s.Step = VoteStep.Prevote;
        return true;
    }

    /// <summary>Lines 34 and 47.</summary>
    private bool TryScheduleTimeouts()
    {
        bool fired = false;
        if (_s.Step == VoteStep.Prevote && _s.Votes.Prevotes(_s.Round).HasQuorumAny && _s.PrevoteTimeoutScheduled.Add(_s.Round))
        {
            Schedule(VoteStep.Prevote, _s.Round);
            fired = true;
        }
        if (_s.Votes.Precommits(_s.Round).HasQuorumAny && _s.PrecommitTimeoutScheduled.Add(_s.Round))
        {
            Schedule(VoteStep.Precommit, _s.Round);
            fired = true;
        }
        return fired;
    }

    /// <summary>Line 36: a proposal with prevotes of more than 2/3 for its valid block, in the current round, once.</summary>
    private bool TryLockOnPolka()
    {
        if (_s.Step == VoteStep.Propose || _s.PolkaLockHandled.Contains(_s.Round)) return false;
        if (!_s.Votes.Prevotes(_s.Round).TryGetQuorum(out var hash) || hash.IsZero) return false;
        if (!_s.Proposals.TryGet(_s.Round, hash, out var p) || _s.IsValid(hash) != true) return false;
        _s.PolkaLockHandled.Add(_s.Round);
        if (_s.Step == VoteStep.Prevote)
        {
            _s.LockedBlock = p.Block;
            _s.LockedHash = hash;
            _s.LockedRound = (int)_s.Round;
            CastVote(VoteStep.Precommit, hash);
            _s.Step = VoteStep.Precommit;
        }
        _s.ValidBlock = p.Block;
        _s.ValidHash = hash;
        _s.ValidRound = (int)_s.Round;
        return true;
    }

    /// <summary>Line 44: prevotes of more than 2/3 for nil.</summary>
    private bool TryPrecommitNil()
    {
        if (_s.Step != VoteStep.Prevote) return false;
        if (!_s.Votes.Prevotes(_s.Round).TryGetQuorum(out var hash) || !hash.IsZero) return false;
        CastVote(VoteStep.Precommit, Hash32.Zero);
        _s.Step = VoteStep.Precommit;
        return true;
    }

    private void Schedule(VoteStep step, uint round) =>
        _out.Add(new ScheduleTimeout(new TimeoutEvent(_s.Height, round, step), _timeouts.DurationMs(step, round)));

    private void Propose(uint round, Block block, Hash32 hash, int polRound)
    {
        Proposal proposal;
        if (_wal.TryGetOwn(VoteStep.Propose, round, out var replayed))
        {
            if (BlockIds.Of(replayed.Proposal.Block) != hash) return; // never sign a second block for one round
            proposal = replayed.Proposal;
        }
        else
        {
            _wal.Sync();
            if (!_signer.TrySignProposal(_s.Height, round, polRound, hash, block.ToByteArray(), out var signature)) return;
            proposal = new Proposal
            {
                Height = _s.Height, Round = round, PolRound = polRound, Block = block,
                Proposer = _signer.PublicKey.ToByteString(), Signature = ByteString.CopyFrom(signature),
            };
            _wal.AppendOwn(new ConsensusWalEntry { Message = new ConsensusMessage { Proposal = proposal } });
        }
        _s.Proposals.Add(new CheckedProposal(_s.Height, round, proposal.PolRound, proposal.Block, hash, _signer.PublicKey, proposal));
        _s.Validators.TryGetPower(_signer.PublicKey, out ulong power);
        _s.Votes.NoteSender(round, _signer.PublicKey, power);
        _out.Add(new Broadcast(new ConsensusMessage { Proposal = proposal }));
    }

    /// <summary>
    /// Signs, logs and broadcasts our vote; in a replay, re-sends the vote signed before the crash. When the
    /// signer refuses (it signed something else here before a crash), nothing is sent and the step still
    /// advances: staying silent is safe.
    /// </summary>
    private void CastVote(VoteStep step, Hash32 hash)
    {
        if (!_isValidator) return;
        Vote vote;
        if (_wal.TryGetOwn(step, _s.Round, out var replayed))
        {
            if (!MessageChecks.TryReadBlockHash(replayed.Vote.BlockHash, out var signedHash) || signedHash != hash) return;
            vote = replayed.Vote;
        }
        else
        {
            _wal.Sync();
            if (!_signer.TrySignVote(step, _s.Height, _s.Round, hash, out var signature)) return;
            vote = new Vote
            {
                Type = VoteTypes.ToType(step), Height = _s.Height, Round = _s.Round, BlockHash = MessageChecks.BlockHashBytes(hash),
                Validator = _signer.PublicKey.ToByteString(), Signature = ByteString.CopyFrom(signature),
            };
            _wal.AppendOwn(new ConsensusWalEntry { Message = new ConsensusMessage { Vote = vote } });
        }
        _s.Validators.TryGetPower(_signer.PublicKey, out ulong power);
        _s.Votes.Add(new CheckedVote(step, _s.Height, _s.Round, hash, _signer.PublicKey, power, vote), countConflicting: false, out _);
        _out.Add(new Broadcast(new ConsensusMessage { Vote = vote }));
    }
}
