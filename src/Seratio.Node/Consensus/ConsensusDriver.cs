using System.Threading.Channels;
using Google.Protobuf;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Seratio.Consensus.Engine;
using Seratio.Consensus.Signing;
using Seratio.Consensus.Validators;
using Seratio.Node.Blocks;
using Seratio.Node.Chain;
using Seratio.Node.Consensus.Evidence;
using Seratio.Node.Mempool;
using Seratio.Node.P2P;
using Seratio.Node.Validators;
using Seratio.Protocol;

namespace Seratio.Node.Consensus;

/// <summary>
/// Drives <see cref="ConsensusEngine"/> on every chain, one validator or many (docs/consensus.md): one loop reads
/// a channel of inputs — consensus messages and sync messages from peers, step timers, a periodic tick —
/// feeds the engine and carries out its outputs: broadcasts, timers, building and re-executing blocks
/// (through <see cref="BlockCandidates"/>, which executes each block once), and committing decided blocks with
/// their certificates. A one-validator chain runs the same way over <see cref="NoPeerNetwork"/>: its own votes
/// are a quorum, so each height is decided as soon as its block is built. The synced write of a decided block
/// runs off the loop while the commit wait runs, and nothing of the next height is signed before it is durable.
/// Block sync (<see cref="BlockSync"/>) runs on the same loop, so a node behind commits certified blocks from
/// peers until it reaches the tip. On a node without a validator identity (an observer) only block sync runs.
/// Everything touching the engine and the chain happens on the loop; the public properties are snapshots for
/// status and tests.
/// </summary>
public sealed class ConsensusDriver : BackgroundService, IConsensusStatus, State.IConsensusStateSource
{
    private readonly ChainDatabase _chain;
    private readonly ITxPool _pool;
    private readonly IPeerNetwork _network;
    private readonly TimeProvider _time;
    private readonly ConsensusOptions _options;
    private readonly ILogger<ConsensusDriver> _logger;
    private readonly ConsensusIdentity? _identity;
    private readonly ValidatorSets _sets;
    private readonly EvidenceGossip _evidence;
    private readonly BlockCandidates _candidates;
    private readonly BlockSync _sync;
    private readonly SyncHandler _syncHandler;
    private readonly ConsensusEngine? _engine;
    // Timers and ticks are few and must never be lost; peer messages wait in the network's bounded, drop-oldest
    // queues until the loop has room, so a flood cannot grow memory here.
    private readonly Channel<DriverInput> _inputs = Channel.CreateUnbounded<DriverInput>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<DriverInput> _peerInputs = Channel.CreateBounded<DriverInput>(
        new BoundedChannelOptions(1024) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly FutureMessages _future = new();
    private readonly DriverTimers _timers;
    private (ulong Height, uint Round, Seratio.Consensus.Votes.VoteStep Step) _lastProgress;
    private int _ticks;
    private readonly Metrics.INodeMetrics _metrics;
    private readonly State.HeightTimer _heightTimer;
    private readonly State.SnapshotRequests _snapshots = new();
    // The decided block being written off the loop, with what the loop does once it is durable.
    private Task<CommittedBlock>? _writing;
    private Decide? _writingDecision;
    private long _decidedAt;
    private long _lastCommitAt;
    private ulong _awaitingStart;

    public ConsensusDriver(ChainDatabase chain, ITxPool pool, IBlockExecution execution, IPeerNetwork network, TimeProvider time,
        IOptions<ConsensusOptions> options, ILogger<ConsensusDriver> logger, ConsensusIdentity? identity, Metrics.INodeMetrics? metrics = null,
        VerifiedSignatureCache? verified = null)
    {
        _metrics = metrics ?? Metrics.NullNodeMetrics.Instance;
        _heightTimer = new State.HeightTimer(time ?? throw new ArgumentNullException(nameof(time)));
        _chain = chain ?? throw new ArgumentNullException(nameof(chain));
        _pool = pool ?? throw new ArgumentNullException(nameof(pool));
        _network = network ?? throw new ArgumentNullException(nameof(network));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _timers = new DriverTimers(time);
        _options = options?.Value ?? throw new ArgumentNullException(nameof(options));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _sets = new ValidatorSets(chain);
        _candidates = new BlockCandidates(chain, execution, _sets, verified);
        _sync = new BlockSync(chain, network, _sets, _options, time);
        // Consensus resumes at the tip a synced block made; a decision of the height just synced is moot.
        _syncHandler = new SyncHandler(chain, _sync, _candidates, logger, _metrics, Commit,
            () => { if (_engine is not null && _engine.Height <= _chain.Head.Height) StartNext(_chain.Head.Height + 1); });
        _evidence = new EvidenceGossip(chain, _candidates.Evidence, network, logger);
        // A node with a validator key runs the engine even while its key is in no set: the engine votes only at
        // heights whose set holds the key (docs/consensus.md), so a validator added or removed by the authority
        // starts or stops voting at the height the change takes effect.
        if (identity is not null)
        {
            _identity = identity;
            var signer = new GuardedSigner(new DoubleSignGuard(identity.SignerState, identity.Key.Key), chain.ChainId);
            _engine = new ConsensusEngine(chain.ChainId, _options.Timeouts, signer, identity.Wal);
        }
    }

    /// <summary>Whether this node votes at the height consensus works on (its key is in that height's validator set).</summary>
    public bool IsValidator => _engine is not null && Volatile.Read(ref _voting);

    private bool _voting;

    /// <summary>Verified evidence waiting for a block (for status and tests).</summary>
    public int PendingEvidence => _evidence.Count;

    private long _height;
    private int _round;

    /// <summary>The height consensus works on (0 on an observer). Written by the loop, read by anyone.</summary>
    public ulong Height => (ulong)Interlocked.Read(ref _height);

    /// <summary>The round of <see cref="Height"/>.</summary>
    public uint Round => (uint)Volatile.Read(ref _round);

    public int Peers => _network.Peers.Count;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        _network.PeerDisconnected += OnPeerDisconnected;
        var pumps = new[] { Pump(PeerChannel.Consensus, stoppingToken), Pump(PeerChannel.Sync, stoppingToken) };
        using var ticker = _time.CreateTimer(_ => _inputs.Writer.TryWrite(new TickInput()), null,
            TimeSpan.FromMilliseconds(_options.TickMs), TimeSpan.FromMilliseconds(_options.TickMs));
        try
        {
            ulong first = _chain.Head.Height + 1;
            var firstSet = _sets.For(first);
            _voting = _identity is not null && firstSet.Contains(_identity.Key.Key.PublicKey);
            ConsensusLog.Started(_logger, _chain.Head.Height, IsValidator ? "validator" : "observer",
                _network.Self.ToHex(), firstSet.Count);
            if (_engine is not null)
            {
                ulong next = first;
                Carry(_engine.Recover(next, firstSet));
                ConsensusLog.Recovered(_logger, _engine.Height, _engine.Round, _engine.Step.ToString());
                _heightTimer.Observe(_engine.Height);
            }
            _sync.Announce();
            while (!stoppingToken.IsCancellationRequested)
            {
                if (_inputs.Reader.TryRead(out var control)) Process(control);
                else if (_peerInputs.Reader.TryRead(out var peer)) Process(peer);
                else
                    await Task.WhenAny(_inputs.Reader.WaitToReadAsync(stoppingToken).AsTask(),
                        _peerInputs.Reader.WaitToReadAsync(stoppingToken).AsTask()).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            ConsensusLog.Failed(_logger, _chain.Head.Height, ex);
            throw;
        }
        finally
        {
            // The store must not close under a write in flight (the host disposes it after the services stop).
            if (_writing is { } writing) await Task.WhenAny(writing).ConfigureAwait(false);
            _network.PeerDisconnected -= OnPeerDisconnected;
            _timers.Dispose();
            (_identity?.Wal as IDisposable)?.Dispose();
        }
        await Task.WhenAll(pumps).ConfigureAwait(false);
    }

    private void OnPeerDisconnected(PeerId peer) => _inputs.Writer.TryWrite(new PeerGoneInput(peer));

    private async Task Pump(PeerChannel channel, CancellationToken ct)
    {
        try
        {
            await foreach (var message in _network.Received(channel).ReadAllAsync(ct).ConfigureAwait(false))
                await _peerInputs.Writer.WriteAsync(new PeerInput(message), ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private void Process(DriverInput input)
    {
        switch (input)
        {
            case PeerInput { Message.Channel: PeerChannel.Consensus } p: OnConsensusPayload(p.Message); break;
            case PeerInput p: FinishCommit(); _syncHandler.OnPayload(p.Message); break;
            case TimeoutInput t when _engine is not null: Carry(_engine.OnTimeout(t.Timeout)); break;
            case StartHeightInput s: StartWhenWorthIt(s.Height); break;
            case CommittedInput: FinishCommit(); break;
            case PeerGoneInput g: _sync.Forget(g.Peer); break;
            case TickInput: OnTick(); break;
            case SnapshotInput q: _snapshots.Answer(q.Reply, Snapshot); break;
        }
        if (_engine is not null)
        {
            Interlocked.Exchange(ref _height, (long)_engine.Height);
            Volatile.Write(ref _round, (int)_engine.Round);
            _heightTimer.Observe(_engine.Height);
            _metrics.ConsensusProgress(_engine.Height, _engine.Round, _engine.Step);
        }
    }

    private void OnConsensusPayload(PeerMessage message)
    {
        ConsensusMessage parsed;
        try { parsed = ConsensusMessage.Parser.ParseFrom(message.Payload.Span); }
        catch (InvalidProtocolBufferException)
        {
            ConsensusLog.Malformed(_logger, "consensus", message.From.ToString());
            return;
        }
        if (parsed.KindCase == ConsensusMessage.KindOneofCase.Evidence)
        {
            _evidence.OnPeer(parsed.Evidence, message);
            return;
        }
        if (_engine is null) return;
        ulong height = parsed.KindCase switch
        {
            ConsensusMessage.KindOneofCase.Proposal => parsed.Proposal.Height,
            ConsensusMessage.KindOneofCase.Vote => parsed.Vote.Height,
            _ => 0,
        };
        if (height == _awaitingStart && height == _chain.Head.Height + 1 && _writing is null) StartNext(height); // a peer is on it already
        if (height > _engine.Height)
        {
            // A later height: keep it for then. One too far ahead (this node is syncing) or beyond the buffer is dropped, and
            // the network told to forget it, so that a peer's gossip re-sending the same bytes gets through once this node
            // is there (the transport refuses bytes it has seen; without this a node could wait for that vote for ever).
            if (!_future.TryKeep(parsed, message.Payload, height, _chain.Head.Height)) _network.Forget(PeerChannel.Consensus, message.Payload);
            return;
        }
        long rejectedBefore = _engine.Rejected;
        Carry(_engine.OnMessage(parsed));
        // Relay what this height's engine did not refuse: peers not connected to its sender get it too. The network
        // skips the peer it came from and drops duplicates, so each message travels each link once.
        if (_engine.Rejected == rejectedBefore && height == _engine.Height) _network.Broadcast(PeerChannel.Consensus, message.Payload);
    }

    private CommittedBlock Commit(AssembledBlock assembled, Commit commit)
    {
        var committed = Write(assembled, commit);
        _evidence.OnCommitted();
        _lastCommitAt = _time.GetTimestamp();
        return committed;
    }

    /// <summary>The part of a commit that may run off the loop: the synced batch, then the mempool's update. Touches no loop state.</summary>
    private CommittedBlock Write(AssembledBlock assembled, Commit commit)
    {
        var committed = new CommittedBlock(assembled.Block, assembled.Hash, commit, assembled.Txs, assembled.Outcome.Receipts);
        _chain.Commit(committed, assembled.StateUpdate, assembled.Outcome.Changes, assembled.EncodedBlock, assembled.EncodedReceipts);
        _pool.OnBlockCommitted(committed);
        return committed;
    }

    private void StartNext(ulong height)
    {
        if (_engine is null || height != _chain.Head.Height + 1 || _engine.Height >= height || _writing is not null) return;
        _awaitingStart = 0;
        var validators = _sets.For(height);
        bool voting = validators.Contains(_identity!.Key.Key.PublicKey);
        if (voting != _voting) ConsensusLog.VotingChanged(_logger, height, voting ? "a validator" : "an observer", validators.Count);
        Volatile.Write(ref _voting, voting);
        Carry(_engine.StartHeight(height, validators));
        foreach (var (message, payload) in _future.TakeFor(height))
        {
            long rejectedBefore = _engine.Rejected;
            Carry(_engine.OnMessage(message));
            // Relayed as if it had come now: peers that are not connected to its sender need it too.
            if (_engine.Rejected == rejectedBefore && _engine.Height == height) _network.Broadcast(PeerChannel.Consensus, payload);
        }
    }

    private void OnTick()
    {
        _sync.Announce();
        _syncHandler.RequestBlocks();
        if (_engine is not null)
        {
            var progress = (_engine.Height, _engine.Round, _engine.Step);
            if (progress == _lastProgress)
                foreach (var message in _engine.GossipMessages()) _network.Broadcast(PeerChannel.Consensus, message.ToByteArray());
            _lastProgress = progress;
        }
        if (++_ticks % 5 == 0)
            ConsensusLog.Status(_logger, _engine?.Height ?? 0, _engine?.Round ?? 0, _engine?.Step.ToString() ?? "observer", _chain.Head.Height, _network.Peers.Count);
    }

    /// <summary>Carries out the engine's outputs in order; outputs of the engine's answers are carried out after those before them.</summary>
    private void Carry(IReadOnlyList<ConsensusOutput> outputs)
    {
        var queue = new Queue<ConsensusOutput>(outputs);
        while (queue.TryDequeue(out var output))
        {
            IReadOnlyList<ConsensusOutput> more = output switch
            {
                Broadcast b => Send(b.Message),
                ScheduleTimeout t => Schedule(t),
                RequestProposalBlock r => Propose(r),
                RequestValidation v => Validate(v),
                Decide d => Decided(d),
                EvidenceFound e => Evidence(e),
                _ => throw new InvalidOperationException($"unknown engine output {output}"),
            };
            foreach (var next in more) queue.Enqueue(next);
        }
    }

    private IReadOnlyList<ConsensusOutput> Send(ConsensusMessage message)
    {
        _network.Broadcast(PeerChannel.Consensus, message.ToByteArray());
        return [];
    }

    private IReadOnlyList<ConsensusOutput> Schedule(ScheduleTimeout t)
    {
        long delay = t.DelayMs;
        // The propose step waits longer for a larger expected block (ProposalSizing.AllowanceMs).
        if (t.Timeout.Step == Seratio.Consensus.Votes.VoteStep.Propose) delay += ProposalSizing.AllowanceMs(_options, _pool.Count, ProposalCap);
        After(delay, new TimeoutInput(t.Timeout));
        return [];
    }

    private int ProposalCap => ProposalSizing.Cap(_options, _chain.Genesis.Params.MaxBlockTxs);

    private IReadOnlyList<ConsensusOutput> Propose(RequestProposalBlock request)
    {
        if (request.Height != _chain.Head.Height + 1) return [];
        var txs = _pool.Reap(ProposalCap, _chain.Genesis.Params.MaxBlockBytes);
        var assembled = _candidates.Build(txs, _time.GetUtcNow().ToUnixTimeMilliseconds(), _identity!.Key.Key.Address, _evidence.Pending);
        return _engine!.OnBlockProposed(request.Height, request.Round, assembled.Block);
    }

    private IReadOnlyList<ConsensusOutput> Validate(RequestValidation request)
    {
        if (request.Height != _chain.Head.Height + 1) return [];
        var check = _candidates.Check(request.Block, out _);
        if (check != BlockCheck.Valid) ConsensusLog.InvalidProposal(_logger, request.Height, request.Round, request.BlockHash, check);
        return _engine!.OnBlockValidated(request.Height, request.Round, request.BlockHash, check == BlockCheck.Valid);
    }

    /// <summary>
    /// Commits a decided block from the execution this node already did (its own proposal or the validation it
    /// voted on; re-executed only after a restart). The synced write runs off the loop while the commit wait runs,
    /// and <see cref="FinishCommit"/> completes the commit on the loop once the write is durable: the next height
    /// starts, and so signs anything, only after that (docs/consensus.md, "Pipelined commit").
    /// </summary>
    private IReadOnlyList<ConsensusOutput> Decided(Decide decision)
    {
        if (decision.Height != _chain.Head.Height + 1 || _writing is not null) return []; // block sync got there first
        var check = _candidates.Check(decision.Block, out var assembled);
        if (check != BlockCheck.Valid)
            throw new InvalidOperationException($"the decided block {decision.Height} ({decision.BlockHash}) does not execute on our head: {check}");
        _decidedAt = _time.GetTimestamp();
        _writingDecision = decision;
        var block = assembled!;
        _writing = Task.Run(() =>
        {
            try { return Write(block, decision.Commit); }
            finally { _inputs.Writer.TryWrite(new CommittedInput()); }
        });
        return [];
    }

    /// <summary>Completes the commit whose write is in flight, waiting for the write if it is not done yet. No-op when none is.</summary>
    private void FinishCommit()
    {
        if (_writing is not { } writing || _writingDecision is not { } decision) return;
        var committed = writing.GetAwaiter().GetResult(); // a failed write is fatal: it ends the loop
        _writing = null;
        _writingDecision = null;
        _evidence.OnCommitted();
        _lastCommitAt = _time.GetTimestamp();
        ConsensusLog.Committed(_logger, committed.Height, decision.Round, committed.Txs.Count, committed.Hash);
        if (_heightTimer.Height == decision.Height) _metrics.HeightCommitted(_heightTimer.Elapsed);
        _sync.OnCommitted();
        // The commit wait runs from the decision: the write has already used part of it.
        long waitMs = _options.CommitWaitMs - (long)_time.GetElapsedTime(_decidedAt).TotalMilliseconds;
        ulong next = decision.Height + 1;
        if (waitMs <= 0) StartWhenWorthIt(next);
        else After(waitMs, new StartHeightInput(next));
    }

    /// <summary>
    /// Starts <paramref name="height"/> unless <see cref="ConsensusOptions.EmptyBlockIntervalMs"/> says to wait for
    /// something to put in it: a transaction, evidence, a peer already on that height, or the interval's end.
    /// </summary>
    private void StartWhenWorthIt(ulong height)
    {
        if (_engine is null || height != _chain.Head.Height + 1 || _engine.Height >= height) return;
        int interval = _options.EmptyBlockIntervalMs;
        bool idle = interval > 0 && _pool.Count == 0 && _evidence.Count == 0
            && _time.GetElapsedTime(_lastCommitAt).TotalMilliseconds < interval;
        if (!idle)
        {
            _awaitingStart = 0;
            StartNext(height);
            return;
        }
        _awaitingStart = height;
        After(Math.Min(IdlePollMs, interval), new StartHeightInput(height));
    }

    /// <summary>How often an idle node looks at its mempool while it waits for something to put in a block.</summary>
    private const int IdlePollMs = 20;

    private void After(long delayMs, DriverInput input) => _timers.After(delayMs, () => _inputs.Writer.TryWrite(input));

    private IReadOnlyList<ConsensusOutput> Evidence(EvidenceFound found)
    {
        var vote = found.Evidence.VoteA;
        ConsensusLog.Evidence(_logger, Convert.ToHexStringLower(vote.Validator.Span), vote.Height, vote.Round);
        _metrics.EvidenceSeen();
        _evidence.OnFound(found.Evidence);
        return [];
    }

    /// <summary>
    /// A snapshot of the engine, peers and sync, taken on the loop between two inputs (so it is consistent),
    /// for GetConsensusState. Waits for the loop; never completes once the driver has stopped, so pass a deadline.
    /// </summary>
    public Task<State.ConsensusSnapshot> SnapshotAsync(CancellationToken cancellationToken) =>
        _snapshots.Request(reply => _inputs.Writer.TryWrite(new SnapshotInput(reply)), cancellationToken);

    private State.ConsensusSnapshot Snapshot() =>
        State.DriverSnapshots.Build(_engine?.View(), _chain.Head.Height, _sets.For(_engine?.Height is > 0 and var h ? h : _chain.Head.Height + 1), _heightTimer, _network.Peers, _sync.HeightOf, _sync.BestPeerHeight,
            _identity?.Key.Key.PublicKey);

    public override void Dispose()
    {
        _timers.Dispose();
        base.Dispose();
    }
}
