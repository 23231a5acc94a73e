using Google.Protobuf;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Seratio.Consensus.Signing;
using Seratio.Consensus.Validators;
using Seratio.Consensus.Votes;
using Seratio.Node.Chain;
using Seratio.Node.Mempool;
using Seratio.Protocol;

namespace Seratio.Node.Production;

/// <summary>
/// Single-validator block production: when the pool holds transactions, or no block was made
/// for <see cref="ProducerOptions.EmptyBlockIntervalMs"/>, makes the next block, persists the
/// signer state with the block, signs the precommit and commits. Produces only when this
/// node's key is the genesis' one and only validator. On start, a block signed but not
/// committed before a crash is re-committed first. One loop; not meant to be called concurrently.
/// </summary>
public sealed class BlockProducer : BackgroundService, Consensus.State.IConsensusStateSource
{
    private readonly ChainDatabase _chain;
    private readonly ITxPool _pool;
    private readonly ValidatorKey _key;
    private readonly TimeProvider _time;
    private readonly ProducerOptions _options;
    private readonly ILogger<BlockProducer> _logger;
    private readonly ValidatorSet _validators;
    private readonly DoubleSignGuard _guard;
    private readonly BlockAssembler _assembler;
    private readonly Metrics.INodeMetrics _metrics;
    private readonly object _stateGate = new();
    private Consensus.State.HeightTimer? _heightTimer;
    private VoteStep _step = VoteStep.Propose;

    public BlockProducer(ChainDatabase chain, ITxPool pool, IBlockExecution execution, ValidatorKey key, ISignerStateStore signerState,
        TimeProvider time, IOptions<ProducerOptions> options, ILogger<BlockProducer> logger, Metrics.INodeMetrics? metrics = null)
    {
        _metrics = metrics ?? Metrics.NullNodeMetrics.Instance;
        _chain = chain ?? throw new ArgumentNullException(nameof(chain));
        _pool = pool ?? throw new ArgumentNullException(nameof(pool));
        _key = key ?? throw new ArgumentNullException(nameof(key));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _options = options?.Value ?? throw new ArgumentNullException(nameof(options));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _validators = ValidatorSet.FromGenesis(chain.Genesis);
        _guard = new DoubleSignGuard(signerState, key.Key);
        _assembler = new BlockAssembler(chain, execution, _validators.Hash, time);
    }

    /// <summary>True when this node's key is the genesis' only validator.</summary>
    public bool CanProduce => _validators.Count == 1 && _validators.Contains(_key.Key.PublicKey);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!CanProduce)
        {
            if (!_validators.Contains(_key.Key.PublicKey)) ProducerLog.NotAValidator(_logger, _key.Key.PublicKey.ToString());
            else ProducerLog.NotSoleValidator(_logger, _validators.Count);
            return;
        }
        await Task.Yield(); // let the host finish starting; recovery and production run on the loop
        ProducerLog.Started(_logger, _chain.Head.Height, _key.Key.Address.ToString());
        Progress(VoteStep.Propose);
        RunGuarded(() => RecommitPending());
        long lastBlockAt = _time.GetTimestamp();
        var interval = TimeSpan.FromMilliseconds(_options.BlockIntervalMs);
        var emptyInterval = TimeSpan.FromMilliseconds(_options.EmptyBlockIntervalMs);
        long lookedAt = _time.GetTimestamp();
        while (!stoppingToken.IsCancellationRequested)
        {
            // The interval runs from the start of the last look, so a block that took longer than
            // the interval to make is followed at once by the next (the pool filled meanwhile).
            var wait = interval - _time.GetElapsedTime(lookedAt);
            try { await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, _time, stoppingToken).ConfigureAwait(false); }
            catch (OperationCanceledException) { break; }
            lookedAt = _time.GetTimestamp();
            if (_pool.Count == 0 && _time.GetElapsedTime(lastBlockAt) < emptyInterval) continue;
            RunGuarded(() => ProduceNext());
            lastBlockAt = _time.GetTimestamp();
        }
    }

    private void RunGuarded(Action action)
    {
        try { action(); }
        catch (Exception ex)
        {
            ProducerLog.Failed(_logger, _chain.Head.Height + 1, ex);
            throw;
        }
    }

    /// <summary>
    /// Commits the block found in the signer state if it was signed for head + 1 but never
    /// committed. Returns it, or null when there was none.
    /// </summary>
    public CommittedBlock? RecommitPending()
    {
        if (_guard.Last is not { } last || last.State.Height != _chain.Head.Height + 1 || last.PendingBlock.IsEmpty) return null;
        var assembled = _assembler.Reassemble(Block.Parser.ParseFrom(last.PendingBlock.Span));
        if (assembled.Hash != last.State.BlockHash)
            throw new InvalidDataException($"the pending block in the signer state hashes to {assembled.Hash}, not to the signed {last.State.BlockHash}");
        var committed = SignAndCommit(assembled, out _, out _);
        ProducerLog.Recommitted(_logger, committed.Height, committed.Hash);
        return committed;
    }

    /// <summary>Makes, signs and commits the block at head + 1 from what the pool holds now.</summary>
    public CommittedBlock ProduceNext()
    {
        if (!CanProduce) throw new InvalidOperationException("this node is not the single validator of the chain");
        long started = _time.GetTimestamp();
        var p = _chain.Genesis.Params;
        var txs = _pool.Reap(p.MaxBlockTxs, p.MaxBlockBytes);
        long reaped = _time.GetTimestamp();
        var assembled = _assembler.Assemble(txs, _time.GetUtcNow().ToUnixTimeMilliseconds(), _key.Key.Address);
        Progress(VoteStep.Precommit);
        var committed = SignAndCommit(assembled, out var writeTime, out var poolTime);
        Progress(VoteStep.Propose, committed: true);
        ProducerLog.Produced(_logger, committed.Height, txs.Count, Ms(_time.GetElapsedTime(started)), committed.Hash,
            Ms(_time.GetElapsedTime(started, reaped)), Ms(assembled.ExecuteTime), Ms(assembled.StateTreeTime), Ms(assembled.HeaderTime), Ms(writeTime), Ms(poolTime));
        return committed;
    }

    /// <summary>Moves the reported step; on a commit, reports the height's latency and starts the next height's clock.</summary>
    private void Progress(VoteStep step, bool committed = false)
    {
        ulong height = _chain.Head.Height + 1;
        lock (_stateGate)
        {
            _heightTimer ??= new Consensus.State.HeightTimer(_time);
            if (committed && _heightTimer.Height == height - 1) _metrics.HeightCommitted(_heightTimer.Elapsed);
            _heightTimer.Observe(height);
            _step = step;
        }
        _metrics.ConsensusProgress(height, 0, step);
    }

    /// <summary>
    /// The producer's state as a consensus snapshot: height = head + 1, round 0, its step (propose while waiting
    /// for and building a block, precommit while signing and writing it), itself as proposer and only validator.
    /// </summary>
    public Task<Consensus.State.ConsensusSnapshot> SnapshotAsync(CancellationToken cancellationToken)
    {
        ulong head = _chain.Head.Height;
        VoteStep step;
        long started;
        lock (_stateGate)
        {
            step = _step;
            started = _heightTimer is { } t && t.Height == head + 1 ? t.StartedUnixMs : 0;
        }
        var validators = _validators.Validators.Select(v => new Seratio.Consensus.Engine.ValidatorRoundVotes(v.Key, v.Power, null, null)).ToArray();
        return Task.FromResult(new Consensus.State.ConsensusSnapshot(Consensus.State.ConsensusRole.Validator, true, false, head, head + 1, 0, step,
            _key.Key.PublicKey, -1, default, -1, default, started, validators, []));
    }

    private static long Ms(TimeSpan span) => (long)span.TotalMilliseconds;

    private CommittedBlock SignAndCommit(AssembledBlock assembled, out TimeSpan writeTime, out TimeSpan poolTime)
    {
        long started = _time.GetTimestamp();
        var header = assembled.Block.Header;
        var state = new SignerState(header.Height, 0, VoteStep.Precommit, assembled.Hash);
        var encodedBlock = assembled.Block.ToByteArray(); // the signer state and the store keep the same bytes
        var decision = _guard.TrySign(_chain.ChainId, state, encodedBlock, out var signature);
        if (decision is SignDecision.RefusedConflict or SignDecision.RefusedRegression)
            throw new InvalidOperationException(
                $"refusing to sign block {header.Height} ({assembled.Hash}): {decision} against the last signed state {_guard.Last?.State}");
        var commit = new Commit { Height = header.Height, Round = 0, BlockHash = assembled.Hash.ToByteString() };
        commit.Signatures.Add(new CommitSig { Validator = _key.Key.PublicKey.ToByteString(), Signature = ByteString.CopyFrom(signature) });
        var committed = new CommittedBlock(assembled.Block, assembled.Hash, commit, assembled.Txs, assembled.Outcome.Receipts);
        _chain.Commit(committed, assembled.StateUpdate, assembled.Outcome.Changes, encodedBlock, assembled.EncodedReceipts);
        long written = _time.GetTimestamp();
        _pool.OnBlockCommitted(committed);
        writeTime = _time.GetElapsedTime(started, written);
        poolTime = _time.GetElapsedTime(written);
        return committed;
    }
}
