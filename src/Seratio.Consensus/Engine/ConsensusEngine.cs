using Seratio.Consensus.Evidence;
using Seratio.Consensus.Messages;
using Seratio.Consensus.Validators;
using Seratio.Consensus.Votes;
using Seratio.Consensus.Wal;
using Seratio.Core.Crypto;
using Seratio.Protocol;

namespace Seratio.Consensus.Engine;

/// <summary>
/// Tendermint consensus as a pure state machine (docs/consensus.md). Inputs — messages, timeouts,
/// the driver's built and validated blocks — go in; each call returns, in order, what to broadcast,
/// which timers to set, which blocks to build or execute, decisions and evidence. No clock, sockets,
/// threads or files: signing and the WAL are injected. Each input is appended to the WAL before it
/// is processed; <see cref="Recover"/> replays them after a restart. Deterministic: the same inputs
/// in the same order give the same outputs. Not thread safe: one driver loop calls it.
/// </summary>
public sealed class ConsensusEngine
{
    /// <summary>Messages further than this many rounds ahead are dropped, so a faulty validator cannot make us allocate unbounded rounds.</summary>
    public const uint MaxRoundsAhead = 1000;

    private readonly string _chainId;
    private readonly TimeoutOptions _timeouts;
    private readonly IConsensusSigner _signer;
    private readonly IConsensusWal _wal;
    private ProposerSchedule? _proposers;
    private HeightState? _state;
    private RoundRules? _rules;
    private readonly List<ConsensusOutput> _out = [];
    private IReadOnlyList<ConsensusMessage> _previousDecision = [];
    private readonly WalWriter _walWriter;

    public ConsensusEngine(string chainId, TimeoutOptions timeouts, IConsensusSigner signer, IConsensusWal wal)
    {
        _chainId = chainId ?? throw new ArgumentNullException(nameof(chainId));
        _timeouts = timeouts ?? throw new ArgumentNullException(nameof(timeouts));
        if (timeouts.Validate() is { } problem) throw new ArgumentException(problem, nameof(timeouts));
        _signer = signer ?? throw new ArgumentNullException(nameof(signer));
        _wal = wal ?? throw new ArgumentNullException(nameof(wal));
        _walWriter = new WalWriter(wal, signer.PublicKey);
    }

    public ulong Height => _state?.Height ?? 0;
    public uint Round => _state?.Round ?? 0;
    public VoteStep Step => _state?.Step ?? VoteStep.Propose;
    public int LockedRound => _state?.LockedRound ?? -1;
    public Hash32 LockedHash => _state?.LockedHash ?? default;
    public int ValidRound => _state?.ValidRound ?? -1;
    public Hash32 ValidHash => _state?.ValidHash ?? default;
    /// <summary>The decision of the current height, once made.</summary>
    public Decide? Decision => _state?.Decision;
    /// <summary>Incoming messages dropped as malformed, unknown, badly signed or misplaced (for metrics and tests).</summary>
    public long Rejected { get; private set; }
    public MessageCheckResult LastRejection { get; private set; }

    /// <summary>
    /// A read-only copy of the current height's state (round, step, proposer, locks, this round's votes per
    /// validator) for status displays; null before the first height. Changes no consensus state.
    /// </summary>
    public ConsensusView? View() => _state is { } s ? ConsensusViews.Of(s, _rules!.ProposerOf(s.Round)) : null;

    /// <summary>Begins <paramref name="height"/> at round 0 with <paramref name="validators"/>.</summary>
    public IReadOnlyList<ConsensusOutput> StartHeight(ulong height, ValidatorSet validators)
    {
        ArgumentOutOfRangeException.ThrowIfZero(height);
        ArgumentNullException.ThrowIfNull(validators);
        return Run(() =>
        {
            Append(new ConsensusWalEntry { StartHeight = height });
            Begin(height, validators);
        });
    }

    /// <summary>
    /// After a restart: replays the WAL's inputs of <paramref name="height"/> (the height after the last
    /// committed block) and returns every output they produce again: the messages signed before the crash,
    /// taken from the log and re-sent as they were, timers set again, requests repeated. Starts the height
    /// afresh when the WAL holds nothing for it.
    /// </summary>
    public IReadOnlyList<ConsensusOutput> Recover(ulong height, ValidatorSet validators)
    {
        ArgumentOutOfRangeException.ThrowIfZero(height);
        ArgumentNullException.ThrowIfNull(validators);
        var entries = _wal.ReadHeight(height);
        if (entries.Count == 0) return StartHeight(height, validators);
        return Run(() =>
        {
            _walWriter.BeginReplay(entries);
            try
            {
                Begin(height, validators);
                _rules!.Evaluate();
                for (int i = 1; i < entries.Count; i++) Replay(entries[i]);
            }
            finally { _walWriter.EndReplay(); }
        });
    }

    public IReadOnlyList<ConsensusOutput> OnMessage(ConsensusMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.KindCase switch
        {
            ConsensusMessage.KindOneofCase.Proposal => OnProposal(message.Proposal),
            ConsensusMessage.KindOneofCase.Vote => OnVote(message.Vote),
            _ => Reject(MessageCheckResult.Malformed),
        };
    }

    public IReadOnlyList<ConsensusOutput> OnProposal(Proposal proposal)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        return Run(() => HandleProposal(proposal));
    }

    public IReadOnlyList<ConsensusOutput> OnVote(Vote vote)
    {
        ArgumentNullException.ThrowIfNull(vote);
        return Run(() => HandleVote(vote));
    }

    public IReadOnlyList<ConsensusOutput> OnTimeout(TimeoutEvent timeout) => Run(() =>
    {
        if (_state is not { } s || timeout.Height != s.Height || timeout.Round != s.Round || s.Decision is not null) return;
        Append(new ConsensusWalEntry { Timeout = new WalTimeout { Height = timeout.Height, Round = timeout.Round, Step = (TimeoutStep)(int)timeout.Step } });
        _rules!.OnTimeout(timeout);
    });

    /// <summary>The driver executed <paramref name="blockHash"/>: valid when it reproduced the header's state root.</summary>
    public IReadOnlyList<ConsensusOutput> OnBlockValidated(ulong height, uint round, Hash32 blockHash, bool valid) => Run(() =>
    {
        if (_state is not { } s || height != s.Height || s.Validity.ContainsKey(blockHash) || !s.Proposals.TryGetBlock(blockHash, out _)) return;
        Append(new ConsensusWalEntry { Validated = new WalBlockValidated { Height = height, Round = round, BlockHash = blockHash.ToByteString(), Valid = valid } });
        s.Validity[blockHash] = valid;
    });

    /// <summary>The driver built and executed the block this node asked for with <see cref="RequestProposalBlock"/>.</summary>
    public IReadOnlyList<ConsensusOutput> OnBlockProposed(ulong height, uint round, Block block)
    {
        ArgumentNullException.ThrowIfNull(block);
        return Run(() =>
        {
            if (_state is not { } s || height != s.Height || round != s.Round || s.Step != VoteStep.Propose || s.Decision is not null) return;
            if (block.Header is null || block.Header.Height != height) throw new ArgumentException($"the block for height {height} has header {block.Header}", nameof(block));
            Append(new ConsensusWalEntry { Proposed = new WalBlockProposed { Height = height, Round = round, Block = block } });
            _rules!.OnOwnBlock(round, block);
        });
    }

    /// <summary>
    /// The messages worth re-sending to peers now (gossip): this height's proposals and the votes of the
    /// current and previous round and of proof-of-lock rounds, and the previous height's decision, so that
    /// lost messages are made up for and a peer one height behind can decide. Pure read.
    /// </summary>
    public IReadOnlyList<ConsensusMessage> GossipMessages()
    {
        var result = new List<ConsensusMessage>(_previousDecision);
        if (_state is not { } s) return result;
        if (s.Decision is { } d) return [.. result, .. DecisionMessages(s, d)];
        var rounds = new SortedSet<uint> { s.Round };
        if (s.Round > 0) rounds.Add(s.Round - 1);
        if (s.ValidRound >= 0) rounds.Add((uint)s.ValidRound);
        foreach (var p in s.Proposals.All())
        {
            if (p.Round + 1 < s.Round) continue;
            result.Add(new ConsensusMessage { Proposal = p.Message });
            if (p.PolRound >= 0) rounds.Add((uint)p.PolRound);
        }
        foreach (uint r in rounds)
        {
            foreach (var v in s.Votes.Prevotes(r).All()) result.Add(new ConsensusMessage { Vote = v.Message });
            foreach (var v in s.Votes.Precommits(r).All()) result.Add(new ConsensusMessage { Vote = v.Message });
        }
        return result;
    }

    private void Begin(ulong height, ValidatorSet validators)
    {
        if (_state is { Decision: { } d } previous && previous.Height + 1 == height) _previousDecision = DecisionMessages(previous, d);
        else _previousDecision = [];
        if (_proposers is null || !ReferenceEquals(_proposers.Validators, validators)) _proposers = new ProposerSchedule(validators);
        _proposers.Prune(height);
        _state = new HeightState(height, validators);
        _rules = new RoundRules(_state, _proposers, _timeouts, _signer, _walWriter, _out);
        _rules.StartRound(0);
    }

    private static List<ConsensusMessage> DecisionMessages(HeightState s, Decide d)
    {
        var result = new List<ConsensusMessage>();
        if (s.Proposals.TryGet(d.Round, d.BlockHash, out var p)) result.Add(new ConsensusMessage { Proposal = p.Message });
        else if (s.Proposals.All().FirstOrDefault(x => x.BlockHash == d.BlockHash) is { Message: not null } any) result.Add(new ConsensusMessage { Proposal = any.Message });
        foreach (var v in s.Votes.Precommits(d.Round).VotesFor(d.BlockHash)) result.Add(new ConsensusMessage { Vote = v.Message });
        return result;
    }

    private void HandleProposal(Proposal proposal)
    {
        if (_state is not { } s || s.Decision is not null) return;
        if (proposal.Height != s.Height || proposal.Round > s.Round + MaxRoundsAhead) return; // another height: gossip brings it again
        if (s.Proposals.Contains(proposal)) return;
        var result = MessageChecks.CheckProposal(proposal, _rules!.ProposerOf(proposal.Round), _chainId, out var p);
        if (result != MessageCheckResult.Valid) { Rejected++; LastRejection = result; return; }
        if (s.Proposals.TryGet(p.Round, p.BlockHash, out _)) return; // same block, another pol_round: nothing new
        // A second block from the same proposer in one round is kept only when someone voted for it.
        if (s.Proposals.HasRound(p.Round) && s.Votes.Prevotes(p.Round).PowerFor(p.BlockHash) == 0 && s.Votes.Precommits(p.Round).PowerFor(p.BlockHash) == 0)
            return;
        Append(new ConsensusWalEntry { Message = new ConsensusMessage { Proposal = proposal } });
        s.Proposals.Add(p);
        s.Validators.TryGetPower(p.Proposer, out ulong power);
        s.Votes.NoteSender(p.Round, p.Proposer, power);
        if (!s.Validity.ContainsKey(p.BlockHash) && s.ValidationRequested.Add(p.BlockHash))
            _out.Add(new RequestValidation(s.Height, p.Round, p.Block, p.BlockHash));
    }

    private void HandleVote(Vote vote)
    {
        if (_state is not { } s || s.Decision is not null) return;
        if (vote.Height != s.Height || vote.Round > s.Round + MaxRoundsAhead) return;
        if (!VoteTypes.TryToStep(vote.Type, out var step) || vote.Validator.Length != PublicKey.Size)
        {
            Rejected++;
            LastRejection = MessageCheckResult.Malformed;
            return;
        }
        var set = s.Votes.Of(step, vote.Round);
        var validator = new PublicKey(vote.Validator.Span);
        if (!MessageChecks.TryReadBlockHash(vote.BlockHash, out var hash)) { Rejected++; LastRejection = MessageCheckResult.Malformed; return; }
        if (set.Holds(validator, hash)) return; // the same vote again: no signature check
        // A validator's vote for another block than the one held is evidence, and counts towards a quorum when it is
        // for nil or for a block we hold (an equivocator may have shown our peers that vote); for anything else, once
        // evidence was reported, there is nothing left to learn from it.
        bool relevant = hash.IsZero || s.Proposals.TryGetBlock(hash, out _);
        if (set.TryGet(validator, out _) && !relevant && s.EvidenceReported.Contains((validator, vote.Round, step))) return;
        var result = MessageChecks.CheckVote(vote, s.Validators, _chainId, out var v);
        if (result != MessageCheckResult.Valid) { Rejected++; LastRejection = result; return; }
        Append(new ConsensusWalEntry { Message = new ConsensusMessage { Vote = vote } });
        if (s.Votes.Add(v, relevant, out var existing) == VoteAddResult.Conflict && s.EvidenceReported.Add((v.Validator, v.Round, v.Step)))
            _out.Add(new EvidenceFound(DuplicateVotes.Create(existing, v)));
    }

    private void Replay(ConsensusWalEntry entry)
    {
        switch (entry.KindCase)
        {
            case ConsensusWalEntry.KindOneofCase.Message when entry.Message.KindCase == ConsensusMessage.KindOneofCase.Proposal:
                HandleProposal(entry.Message.Proposal); break;
            case ConsensusWalEntry.KindOneofCase.Message when entry.Message.KindCase == ConsensusMessage.KindOneofCase.Vote:
                HandleVote(entry.Message.Vote); break;
            case ConsensusWalEntry.KindOneofCase.Timeout:
                var t = entry.Timeout;
                if (t.Height == _state!.Height && t.Round == _state.Round) _rules!.OnTimeout(new TimeoutEvent(t.Height, t.Round, (VoteStep)(int)t.Step));
                break;
            case ConsensusWalEntry.KindOneofCase.Validated:
                var hash = new Hash32(entry.Validated.BlockHash.Span);
                if (_state!.Proposals.TryGetBlock(hash, out _)) _state.Validity.TryAdd(hash, entry.Validated.Valid);
                break;
            case ConsensusWalEntry.KindOneofCase.Proposed:
                if (entry.Proposed.Round == _state!.Round && _state.Step == VoteStep.Propose) _rules!.OnOwnBlock(entry.Proposed.Round, entry.Proposed.Block);
                break;
            default:
                throw new InvalidDataException($"unexpected consensus WAL entry {entry.KindCase} inside height {_state?.Height}");
        }
        _rules!.Evaluate();
    }

    private IReadOnlyList<ConsensusOutput> Run(Action input)
    {
        _out.Clear();
        input();
        _rules?.Evaluate();
        var result = _out.ToArray();
        _out.Clear();
        return result;
    }

    private IReadOnlyList<ConsensusOutput> Reject(MessageCheckResult why)
    {
        Rejected++;
        LastRejection = why;
        return [];
    }

    private void Append(ConsensusWalEntry entry)
    {
        _walWriter.Append(entry);
    }
}
