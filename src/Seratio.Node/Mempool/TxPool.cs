using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Seratio.Core.Addressing;
using Seratio.Core.Chain;
using Seratio.Core.Crypto;
using Seratio.Core.Transactions;
using Seratio.Node.Chain;
using Seratio.Node.Mempool.Admission;
using Seratio.Protocol;
using Seratio.Vm.Admission.Checks;

namespace Seratio.Node.Mempool;

/// <summary>
/// The transaction pool. Admission, in order: decoding (size, shape, 1..16 signatures), duplicate (pending or committed), then the Vm's ordered checks
/// (<see cref="TxCheckList.Standard"/>, docs/transactions.md): those that need no sender (chain
/// id, expiry, message fields, signature — verified once, outside every lock, and cached) and,
/// under the lock, those that judge the sender against the latest state plus its pending
/// transactions (signers, nonce window, fee, funds), then the exchange's per-account limits (<see cref="ExchangeLimits"/>);
/// last, room in the pool. Transactions up to
/// <see cref="MempoolOptions.NonceWindow"/> nonces ahead are held (parked) but not proposed until
/// the gap fills; parked ones have their own budget (per sender and in total) and are dropped
/// after <see cref="MempoolOptions.ParkedMaxAgeHeights"/>. A full pool evicts senders' last
/// entries of lower priority (parked before ready, then lowest gas_price) to make room for a
/// better newcomer. Thread safe: one short lock guards the book; state reads and signature checks run outside it.
/// </summary>
public sealed class TxPool : ITxPool
{
    private readonly object _gate = new();
    private readonly object _commitGate = new();
    private readonly SemaphoreSlim _batchGate = new(1, 1);
    private readonly PoolBook _book = new();
    private readonly IChainReader _chain;
    private readonly MempoolOptions _options;
    private readonly IAdmissionPolicy _policy;
    private readonly ILogger _log;
    private readonly ChainParams _params;
    private readonly int _maxTxBytes;
    private readonly TxCheckList _statelessChecks;
    private readonly TxCheckList _senderChecks;
    private readonly TxCheckList _recheckChecks;
    private int _count;
    // A full pool refuses at once a newcomer whose gas_price is below this (0 = never): the
    // lowest-priority last entry's gas_price + 1 when nothing is parked, so no eviction could seat it.
    private ulong _shedBelow;

    public TxPool(IChainReader chain, IOptions<MempoolOptions> options, VerifiedSignatureCache verified, ILogger<TxPool> logger, IAdmissionMetrics? metrics = null)
        : this(chain, options.Value, verified, new VmAdmissionPolicy(), logger)
    {
        _metrics = metrics ?? NullAdmissionMetrics.Instance;
    }

    private readonly IAdmissionMetrics _metrics = NullAdmissionMetrics.Instance;

    internal TxPool(IChainReader chain, MempoolOptions options, VerifiedSignatureCache verified, IAdmissionPolicy policy, ILogger? logger = null)
    {
        _chain = chain;
        _options = options;
        _policy = policy;
        _log = logger ?? NullLogger.Instance;
        _params = chain.Genesis.Params;
        _maxTxBytes = Math.Min(_params.MaxTxBytes, TxDecoder.MaxTxBytes);
        _book.Height = chain.Head.Height;
        var checks = TxCheckList.Standard(verified);
        var admission = checks.In(TxCheckScopes.Admission);
        _statelessChecks = admission.WhereSenderNeeded(false);
        _senderChecks = admission.WhereSenderNeeded(true);
        _recheckChecks = checks.In(TxCheckScopes.Recheck);
    }

    public int Count => Volatile.Read(ref _count);

    /// <summary>Raised after a transaction is newly accepted, outside every lock, on the admitting thread (P2P gossip).</summary>
    public event Action<SignedTx>? Admitted;

    /// <summary>Bytes of all pending transactions.</summary>
    public long Bytes { get { lock (_gate) return _book.Bytes; } }

    /// <summary>The height whose state the pool last checked against.</summary>
    public ulong Height { get { lock (_gate) return _book.Height; } }

    public bool Contains(Hash32 hash) { lock (_gate) return _book.Contains(hash); }

    /// <summary>Checks and, when every check passes, holds <paramref name="bytes"/> (an encoded Tx).</summary>
    public AdmitResult Admit(ReadOnlyMemory<byte> bytes)
    {
        var result = AdmitCore(bytes);
        _metrics.TxAdmission(result.Outcome);
        if (!result.IsAccepted) MempoolLog.AdmissionRejected(_log, result.TxHash, result.Outcome, result.Reason);
        return result;
    }

    /// <summary>
    /// <see cref="AdmitBatch"/>, one batch at a time: concurrent batches wait (asynchronously) for
    /// their turn, so that batch admission never runs more threads than cores and the
    /// consensus loop keeps its share of them.
    /// </summary>
    public async Task<AdmitResult[]> AdmitBatchAsync(IReadOnlyList<ReadOnlyMemory<byte>> batch, CancellationToken cancellationToken)
    {
        await _batchGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try { return AdmitBatch(batch); }
        finally { _batchGate.Release(); }
    }

    /// <summary>
    /// Checks and holds many transactions at once: the stateless checks and signature
    /// verification run in parallel on every core, then the transactions are placed one by one
    /// in the given order (so one sender's nonces may come in one batch). One result per entry.
    /// Uses at most one thread per core; callers running several batches at once should use
    /// <see cref="AdmitBatchAsync"/>, or the consensus loop gets an ever smaller share of the cores.
    /// </summary>
    public AdmitResult[] AdmitBatch(IReadOnlyList<ReadOnlyMemory<byte>> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var results = new AdmitResult[batch.Count];
        var checkedTxs = new Prechecked[batch.Count];
        // Chunks of 16 keep the scheduling cost small next to ~60 µs of verification per tx.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, batch.Count, 16), parallel, range =>
        {
            // No look at the book here: the parallel workers would queue on its lock. Place (in
            // order, one at a time) finds pending duplicates; a re-sent tx costs a cache hit, not a verification.
            for (int i = range.Item1; i < range.Item2; i++) results[i] = Precheck(batch[i], out checkedTxs[i], lookAtBook: false);
        });
        for (int i = 0; i < results.Length; i++)
        {
            if (checkedTxs[i].Tx is not null) results[i] = Place(checkedTxs[i]);
            _metrics.TxAdmission(results[i].Outcome);
            if (!results[i].IsAccepted) MempoolLog.AdmissionRejected(_log, results[i].TxHash, results[i].Outcome, results[i].Reason);
        }
        return results;
    }

    private AdmitResult AdmitCore(ReadOnlyMemory<byte> bytes)
    {
        var result = Precheck(bytes, out var prechecked, lookAtBook: true);
        return prechecked.Tx is null ? result : Place(prechecked);
    }

    /// <summary>A transaction that passed every check that needs no account state; KnownSender null = not looked up yet.</summary>
    private readonly record struct Prechecked(SignedTx? Tx, bool? KnownSender, ExchangeActions Actions);

    /// <summary>
    /// Decoding, duplicates and the checks that need no sender. On success <paramref name="prechecked"/>
    /// holds the transaction (and the returned result means nothing); on failure it is empty.
    /// Thread safe; takes the book's lock only briefly.
    /// </summary>
    private AdmitResult Precheck(ReadOnlyMemory<byte> bytes, out Prechecked prechecked, bool lookAtBook)
    {
        prechecked = default;
        // The chain id is the checks' to judge (ChainIdCheck), in their documented order.
        var format = TxDecoder.TryDecodeAnyChain(bytes, _maxTxBytes, out var tx, out var reason);
        if (format != TxFormatError.None) return AdmitResult.Reject(MapFormat(format), reason);
        var hash = tx!.Hash;
        // Load shedding: a full pool refuses at once, before it spends a signature verification on what it cannot hold,
        // so offered load beyond capacity costs a decode, not a core (docs/transactions.md, "Admission checks, in order").
        // Only when it could not win a slot by eviction: the pool holds no parked entry and every
        // sender's last entry pays at least this gas_price (gas_price is read from the decoded body, unverified).
        ulong shedBelow = Volatile.Read(ref _shedBelow);
        if (Volatile.Read(ref _count) >= _options.MaxTxs && tx.Body.GasPrice < shedBelow)
            return AdmitResult.Reject(AdmitOutcome.PoolFull,
                $"mempool is full ({Volatile.Read(ref _count)} transactions; limit {_options.MaxTxs}), all paying gas_price {shedBelow - 1} or more; " +
                $"retry after the next block, or raise gas_price above {shedBelow - 1}", hash);

        bool? knownSender = null;
        if (lookAtBook)
        {
            lock (_gate)
            {
                if (_book.Contains(hash)) return AlreadyPending(hash);
                knownSender = _book.TryGetAccount(tx.Sender, out _);
            }
        }
        if (_chain.GetTx(hash) is { } committed)
            return AdmitResult.Reject(AdmitOutcome.AlreadyCommitted,
                $"transaction {hash} is already committed (block {committed.BlockHash}, height {committed.Receipt.Height}); look it up with GetTx", hash);
        // The head may be ahead of the book (a block not yet applied): that only makes expiry stricter.
        var context = new TxCheckContext(TxCheckMode.Admission, _chain.ChainId, _chain.Head.Height + 1, _params) { NodeMinGasPrice = _options.MinGasPrice };
        var check = _statelessChecks.Run(tx, context);
        if (!check.IsAccepted) return AdmitResult.Reject(CheckOutcomes.ToAdmitOutcome(check.Outcome), check.Reason, hash);
        var actions = ExchangeActions.Of(tx);
        if (ExchangeLimits.CheckTx(actions, _params.ExchangeOrDefault, hash) is { } tooMany) return tooMany;
        prechecked = new Prechecked(tx, knownSender, actions);
        return AdmitResult.Accepted(hash);
    }

    /// <summary>The checks that need the sender, against the latest state plus pending transactions, then room; holds the tx when all pass.</summary>
    private AdmitResult Place(Prechecked prechecked)
    {
        var tx = prechecked.Tx!;
        // The expensive and I/O parts are done; the book is touched only under the lock.
        ulong readHeight = _chain.Head.Height;
        bool knownSender;
        if (prechecked.KnownSender is { } known) knownSender = known;
        else lock (_gate) knownSender = _book.TryGetAccount(tx.Sender, out _);
        // The cached latest state, not a history seek per sender: if a block commits meanwhile the
        // snapshot may be newer than readHeight, which only makes the checks stricter until the
        // pool applies that block and re-reads the sender.
        AccountSnapshot? snapshot = knownSender ? null : _policy.ReadAccount(_chain.LatestState, tx.Sender, !tx.SignedBySenderKey);
        var maxSpend = _policy.MaxSpend(tx);
        var openOrders = OpenOrders(tx.Sender, prechecked.Actions);
        AdmitResult result;
        List<PoolEntry>? evicted;
        lock (_gate)
        {
            result = Insert(tx, readHeight, snapshot, maxSpend, prechecked.Actions, openOrders, out evicted);
            if (result.IsAccepted) Publish();
        }
        if (evicted is not null)
            foreach (var entry in evicted) MempoolLog.Evicted(_log, entry.Tx.Hash, entry.Tx.Sender, entry.Tx.Nonce, entry.Tx.Body.GasPrice, tx.Hash);
        if (result.IsAccepted)
        {
            MempoolLog.Admitted(_log, tx.Hash, tx.Sender, tx.Nonce);
            Admitted?.Invoke(tx);
        }
        return result;
    }

    // Caller holds _gate. What a newcomer sees of the book before it looks: its count and the load-shedding floor.
    private void Publish()
    {
        Volatile.Write(ref _count, _book.Count);
        ulong shedBelow = 0;
        if (_book.ParkedCount == 0 && _book.LowestTail is { } lowest && lowest.GasPrice < ulong.MaxValue) shedBelow = lowest.GasPrice + 1;
        Volatile.Write(ref _shedBelow, shedBelow);
    }

    /// <summary>
    /// <paramref name="address"/>'s account after <paramref name="height"/>; the latest state instead when retention already
    /// pruned that height (a pool more than Storage:KeepStates blocks behind), which the pool reaches anyway as it catches up.
    /// </summary>
    private AccountSnapshot ReadAccountAt(ulong height, Address address, bool organisation)
    {
        try { return _policy.ReadAccount(new ChainStateReader(_chain, height), address, organisation); }
        catch (Chain.Retention.HeightPrunedException) { return _policy.ReadAccount(_chain.LatestState, address, organisation); }
    }

    /// <summary>The sender's open orders in the latest state for each market <paramref name="actions"/> places in (outside the lock: state reads).</summary>
    private SortedDictionary<ulong, uint> OpenOrders(Address sender, ExchangeActions actions)
    {
        var open = new SortedDictionary<ulong, uint>();
        if (actions.Placements == 0) return open;
        var state = _chain.LatestState;
        foreach (var market in actions.PlacementsByMarket.Keys) open[market] = _policy.OpenOrders(state, sender, market);
        return open;
    }

    // Caller holds _gate.
    private AdmitResult Insert(SignedTx tx, ulong readHeight, AccountSnapshot? snapshot, Core.Numerics.Amount maxSpend,
        ExchangeActions actions, IReadOnlyDictionary<ulong, uint> openOrders, out List<PoolEntry>? evicted)
    {
        evicted = null;
        var hash = tx.Hash;
        if (_book.Contains(hash)) return AlreadyPending(hash);
        _book.TryGetAccount(tx.Sender, out var queue);
        AccountSnapshot state;
        if (queue is not null) state = queue.State;
        else if (snapshot is { } read && readHeight == _book.Height) state = read;
        else state = ReadAccountAt(_book.Height, tx.Sender, !tx.SignedBySenderKey); // rare: raced a block

        Hash32? holder = queue is not null && queue.ByNonce.TryGetValue(tx.Nonce, out var held) ? held.Tx.Hash : null;
        var sender = new SenderView(state.Nonce, state.Balance, queue?.NextFreeNonce() ?? state.Nonce, holder,
            queue?.PendingSpend ?? default, _options.NonceWindow) { Organisation = state.Organisation };
        var context = new TxCheckContext(TxCheckMode.Admission, _chain.ChainId, _book.Height + 1, _params) { Sender = sender, NodeMinGasPrice = _options.MinGasPrice };
        var check = _senderChecks.Run(tx, context);
        if (!check.IsAccepted) return AdmitResult.Reject(CheckOutcomes.ToAdmitOutcome(check.Outcome), check.Reason, hash);
        var pendingActions = queue is null ? [] : queue.ByNonce.Values.Select(e => ExchangeActions.Of(e.Tx));
        if (ExchangeLimits.CheckSender(tx.Sender, actions, pendingActions, openOrders, _params.ExchangeOrDefault, hash) is { } limited) return limited;
        if (queue is not null && queue.ByNonce.Count >= _options.MaxPerAccount)
            return AdmitResult.Reject(AdmitOutcome.AccountFull,
                $"{tx.Sender} already has {queue.ByNonce.Count} pending transactions (limit {_options.MaxPerAccount}); wait for some to commit", hash);

        // The checks passed, so the nonce is the next free one (ready: it extends the proposable run) or beyond it (parked).
        bool ready = tx.Nonce == sender.NextFreeNonce;
        int parkedOfSender = queue?.ParkedCount ?? 0;
        if (!ready && parkedOfSender >= _options.MaxParkedPerAccount)
            return AdmitResult.Reject(AdmitOutcome.ParkedFull,
                $"{tx.Sender} already has {parkedOfSender} transactions waiting for nonce {sender.NextFreeNonce} (limit {_options.MaxParkedPerAccount} per account); " +
                $"submit nonce {sender.NextFreeNonce} first", hash);
        int maxParked = _options.EffectiveMaxParked;
        bool parkedFull = !ready && _book.ParkedCount >= maxParked;
        int needTxs = Math.Max(parkedFull ? 1 : 0, _book.Count + 1 - _options.MaxTxs);
        long needBytes = _book.Bytes + tx.Size - _options.MaxBytes;
        if (needTxs > 0 || needBytes > 0)
        {
            evicted = _book.PlanEviction(tx.Sender, ready, tx.Body.GasPrice, needTxs, needBytes);
            if (evicted is null && parkedFull)
                return AdmitResult.Reject(AdmitOutcome.ParkedFull,
                    $"the mempool already holds {_book.ParkedCount} transactions waiting for a missing nonce (limit {maxParked}), none paying less than gas_price {tx.Body.GasPrice}; " +
                    $"submit nonce {sender.NextFreeNonce} first", hash);
            if (evicted is null)
                return AdmitResult.Reject(AdmitOutcome.PoolFull,
                    $"mempool is full ({_book.Count} transactions, {_book.Bytes} bytes; limits {_options.MaxTxs} / {_options.MaxBytes}) and holds nothing of lower priority " +
                    $"than this {(ready ? "" : "parked ")}transaction at gas_price {tx.Body.GasPrice}; retry after the next block" + (ready ? ", or raise gas_price" : $", or submit nonce {sender.NextFreeNonce} first"), hash);
            foreach (var victim in evicted)
            {
                _book.TryGetAccount(victim.Tx.Sender, out var victimQueue);
                _book.Remove(victimQueue, victim);
            }
        }

        _book.Add(queue ?? _book.GetOrAddAccount(tx.Sender, state), tx, maxSpend);
        return AdmitResult.Accepted(hash);
    }

    /// <inheritdoc />
    public IReadOnlyList<SignedTx> Reap(int maxTxs, int maxBytes)
    {
        lock (_gate) return _book.Reap(maxTxs, maxBytes);
    }

    /// <summary>
    /// Removes what <paramref name="block"/> included, drops expired transactions and those whose
    /// nonce the chain has passed, and re-checks the senders the block touched against the new
    /// state (no signature is verified again). Idempotent: a block at or below the pool's height is
    /// ignored, so the consensus driver and the chain follower may both report it.
    /// </summary>
    public void OnBlockCommitted(CommittedBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        lock (_commitGate)
        {
            List<Address> refresh;
            List<bool> organisations;
            int included = 0, before;
            lock (_gate)
            {
                if (block.Height <= _book.Height) return;
                bool contiguous = block.Height == _book.Height + 1;
                _book.Height = block.Height;
                foreach (var tx in block.Txs)
                {
                    if (!_book.TryGetEntry(tx.Hash, out var entry)) continue;
                    _book.TryGetAccount(tx.Sender, out var queue);
                    // Provisional until the sender's state is read below: without it the rest of its run would
                    // count as parked meanwhile (the gap at the old nonce) and be first in line for eviction.
                    if (tx.Nonce >= queue.State.Nonce) queue.State = queue.State with { Nonce = tx.Nonce + 1 };
                    _book.Remove(queue, entry);
                    included++;
                }
                before = _book.Count;
                _book.RemoveExpired(block.Height + 1);
                refresh = contiguous ? TouchedSenders(block) : _book.AccountsInOrder().ConvertAll(q => q.Address);
                // An address never changes kind: only an organisation account's keys need reading again (a rotation).
                organisations = refresh.ConvertAll(a => _book.TryGetAccount(a, out var q) && q.State.Organisation is not null);
                Publish();
            }

            // At the head (the usual case) the cached latest state answers; history only for a pool catching up.
            var fresh = new List<(Address Address, AccountSnapshot State)>(refresh.Count);
            for (int i = 0; i < refresh.Count; i++)
                fresh.Add((refresh[i], _chain.Head.Height == block.Height
                    ? _policy.ReadAccount(_chain.LatestState, refresh[i], organisations[i])
                    : ReadAccountAt(block.Height, refresh[i], organisations[i])));

            lock (_gate)
            {
                foreach (var (address, state) in fresh)
                {
                    if (!_book.TryGetAccount(address, out var queue)) continue;
                    queue.State = state;
                    Recheck(queue);
                    _book.Refresh(queue);
                }
                // Classification is current now: drop what has waited too long for its gap to fill.
                _book.RemoveOldParked(_options.ParkedMaxAgeHeights);
                Publish();
                MempoolLog.BlockApplied(_log, block.Height, included, before - _book.Count, _book.Count);
            }
        }
    }

    // Caller holds _gate. Senders and transfer recipients of the block that have pending transactions.
    private List<Address> TouchedSenders(CommittedBlock block)
    {
        var touched = new SortedSet<Address>();
        foreach (var tx in block.Txs)
        {
            if (_book.TryGetAccount(tx.Sender, out _)) touched.Add(tx.Sender);
            foreach (var msg in tx.Body.Msgs)
                if (msg.KindCase == Msg.KindOneofCase.Transfer && msg.Transfer.To.Length == Address.Size)
                {
                    var to = new Address(msg.Transfer.To.Span);
                    if (_book.TryGetAccount(to, out _)) touched.Add(to);
                }
        }
        return [.. touched];
    }

    // Caller holds _gate. Drops used nonces, then re-checks the rest in nonce order against the new
    // state with the checks a block can change the verdict of (TxCheckScopes.Recheck).
    private void Recheck(AccountQueue queue)
    {
        var pending = default(Core.Numerics.Amount);
        var context = new TxCheckContext(TxCheckMode.Admission, _chain.ChainId, _book.Height + 1, _params) { NodeMinGasPrice = _options.MinGasPrice };
        foreach (var entry in queue.ByNonce.Values.ToArray())
        {
            if (entry.Tx.Nonce < queue.State.Nonce)
            {
                _book.Remove(queue, entry);
                continue;
            }
            var sender = new SenderView(queue.State.Nonce, queue.State.Balance, queue.State.Nonce, null, pending, _options.NonceWindow) { Organisation = queue.State.Organisation };
            if (!_recheckChecks.Run(entry.Tx, context with { Sender = sender }).IsAccepted) _book.Remove(queue, entry);
            else if (!pending.TryAdd(entry.MaxSpend, out pending)) pending = Core.Numerics.Amount.MaxValue;
        }
    }

    private static AdmitResult AlreadyPending(Hash32 hash) =>
        AdmitResult.Reject(AdmitOutcome.AlreadyPending, $"transaction {hash} is already pending; wait for it to commit", hash);

    private static AdmitOutcome MapFormat(TxFormatError error) => error switch
    {
        TxFormatError.Oversized => AdmitOutcome.Oversized,
        TxFormatError.Malformed => AdmitOutcome.Malformed,
        TxFormatError.WrongChain => AdmitOutcome.WrongChain,
        TxFormatError.MissingSignature or TxFormatError.BadSignature => AdmitOutcome.BadSignature,
        TxFormatError.NoMessages or TxFormatError.BadField => AdmitOutcome.InvalidField,
        _ => throw new ArgumentOutOfRangeException(nameof(error), error, "unknown TxFormatError"),
    };
}
