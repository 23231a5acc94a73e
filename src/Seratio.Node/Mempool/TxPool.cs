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

namespace Seratio.Node.Mempool;

/// <summary>
/// The transaction pool. Admission checks, in order: size, decoding (shape, chain id), duplicate
/// (pending or committed), message fields, signature (verified once, outside every lock, and
/// cached), then nonce / expiry / fee / funds against the latest state plus the sender's pending
/// transactions. Transactions up to <see cref="MempoolOptions.NonceWindow"/> nonces ahead are held
/// but not proposed until the gap fills. Thread safe: one short lock guards the book; state reads
/// and signature checks run outside it.
/// </summary>
public sealed class TxPool : ITxPool
{
    private readonly object _gate = new();
    private readonly object _commitGate = new();
    private readonly PoolBook _book = new();
    private readonly IChainReader _chain;
    private readonly MempoolOptions _options;
    private readonly IAdmissionPolicy _policy;
    private readonly VerifiedSignatureCache _verified;
    private readonly ILogger _log;
    private readonly ChainParams _params;
    private readonly int _maxTxBytes;
    private int _count;

    public TxPool(IChainReader chain, IOptions<MempoolOptions> options, VerifiedSignatureCache verified, ILogger<TxPool> logger)
        : this(chain, options.Value, verified, new VmAdmissionPolicy(), logger)
    {
    }

    internal TxPool(IChainReader chain, MempoolOptions options, VerifiedSignatureCache verified, IAdmissionPolicy policy, ILogger? logger = null)
    {
        _chain = chain;
        _options = options;
        _verified = verified;
        _policy = policy;
        _log = logger ?? NullLogger.Instance;
        _params = chain.Genesis.Params;
        _maxTxBytes = Math.Min(_params.MaxTxBytes, TxDecoder.MaxTxBytes);
        _book.Height = chain.Head.Height;
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
        if (!result.IsAccepted) MempoolLog.AdmissionRejected(_log, result.TxHash, result.Outcome, result.Reason);
        return result;
    }

    private AdmitResult AdmitCore(ReadOnlyMemory<byte> bytes)
    {
        var format = TxDecoder.TryDecode(bytes, _chain.ChainId, _maxTxBytes, out var tx, out var reason);
        if (format != TxFormatError.None) return AdmitResult.Reject(MapFormat(format), reason);
        var hash = tx!.Hash;

        bool knownSender;
        lock (_gate)
        {
            if (_book.Contains(hash)) return AlreadyPending(hash);
            knownSender = _book.TryGetAccount(tx.Sender, out _);
        }
        if (_chain.GetTx(hash) is { } committed)
            return AdmitResult.Reject(AdmitOutcome.AlreadyCommitted,
                $"transaction {hash} is already committed (block {committed.BlockHash}, height {committed.Receipt.Height}); look it up with GetTx", hash);
        if (!_policy.TryValidateMessages(tx.Body, _params, out reason))
            return AdmitResult.Reject(AdmitOutcome.InvalidField, reason, hash);
        if (!_verified.Verify(tx))
            return AdmitResult.Reject(AdmitOutcome.BadSignature,
                $"signature does not verify: sign exactly \"seratio/tx-sign\" || len(chain id) || '{_chain.ChainId}' || body bytes with the sender's key", hash);

        // The expensive and I/O parts are done; the book is touched only under the lock.
        ulong readHeight = _chain.Head.Height;
        AccountSnapshot? snapshot = knownSender ? null : _policy.ReadAccount(new ChainStateReader(_chain, readHeight), tx.Sender);
        var maxSpend = _policy.MaxSpend(tx);
        AdmitResult result;
        lock (_gate)
        {
            result = Insert(tx, readHeight, snapshot, maxSpend);
            if (result.IsAccepted) Volatile.Write(ref _count, _book.Count);
        }
        if (result.IsAccepted)
        {
            MempoolLog.Admitted(_log, hash, tx.Sender, tx.Nonce);
            Admitted?.Invoke(tx);
        }
        return result;
    }

    // Caller holds _gate.
    private AdmitResult Insert(SignedTx tx, ulong readHeight, AccountSnapshot? snapshot, Core.Numerics.Amount maxSpend)
    {
        var hash = tx.Hash;
        if (_book.Contains(hash)) return AlreadyPending(hash);
        _book.TryGetAccount(tx.Sender, out var queue);
        AccountSnapshot state;
        if (queue is not null) state = queue.State;
        else if (snapshot is { } read && readHeight == _book.Height) state = read;
        else state = _policy.ReadAccount(new ChainStateReader(_chain, _book.Height), tx.Sender); // rare: raced a block

        ulong nonce = tx.Nonce;
        if (nonce < state.Nonce)
            return AdmitResult.Reject(AdmitOutcome.NonceTooLow,
                $"nonce {nonce} already used; next is {queue?.NextFreeNonce() ?? state.Nonce}", hash);
        if (queue is not null && queue.ByNonce.TryGetValue(nonce, out var holder))
            return AdmitResult.Reject(AdmitOutcome.NonceTaken,
                $"nonce {nonce} is already taken by pending transaction {holder.Tx.Hash}; next free nonce is {queue.NextFreeNonce()}", hash);
        ulong next = queue?.NextFreeNonce() ?? state.Nonce;
        if (nonce > next && nonce - next >= (ulong)_options.NonceWindow)
            return AdmitResult.Reject(AdmitOutcome.NonceGap,
                $"nonce {nonce} is too far ahead: the next nonce this node expects is {next} and it holds at most {_options.NonceWindow - 1} beyond it; submit nonces {next}..{nonce - 1} first", hash);
        if (queue is not null && queue.ByNonce.Count >= _options.MaxPerAccount)
            return AdmitResult.Reject(AdmitOutcome.AccountFull,
                $"{tx.Sender} already has {queue.ByNonce.Count} pending transactions (limit {_options.MaxPerAccount}); wait for some to commit", hash);
        if (_book.Count >= _options.MaxTxs || _book.Bytes + tx.Size > _options.MaxBytes)
            return AdmitResult.Reject(AdmitOutcome.PoolFull,
                $"mempool is full ({_book.Count} transactions, {_book.Bytes} bytes; limits {_options.MaxTxs} / {_options.MaxBytes}); retry after the next block", hash);
        var check = _policy.Check(state, tx, _params, _book.Height + 1, queue?.PendingSpend ?? default);
        if (check.Outcome != AdmitOutcome.Accepted) return AdmitResult.Reject(check.Outcome, check.Reason, hash);

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
    /// ignored, so the producer and the chain follower may both report it.
    /// </summary>
    public void OnBlockCommitted(CommittedBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        lock (_commitGate)
        {
            List<Address> refresh;
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
                    _book.Remove(queue, entry);
                    included++;
                }
                before = _book.Count;
                _book.RemoveExpired(block.Height + 1);
                refresh = contiguous ? TouchedSenders(block) : _book.AccountsInOrder().ConvertAll(q => q.Address);
                Volatile.Write(ref _count, _book.Count);
            }

            var reader = new ChainStateReader(_chain, block.Height);
            var fresh = refresh.ConvertAll(a => (Address: a, State: _policy.ReadAccount(reader, a)));

            lock (_gate)
            {
                foreach (var (address, state) in fresh)
                {
                    if (!_book.TryGetAccount(address, out var queue)) continue;
                    queue.State = state;
                    Recheck(queue);
                }
                Volatile.Write(ref _count, _book.Count);
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

    // Caller holds _gate. Drops used nonces, then re-checks the rest in nonce order against the new state.
    private void Recheck(AccountQueue queue)
    {
        var pending = default(Core.Numerics.Amount);
        foreach (var entry in queue.ByNonce.Values.ToArray())
        {
            if (entry.Tx.Nonce < queue.State.Nonce)
            {
                _book.Remove(queue, entry);
                continue;
            }
            var check = _policy.Check(queue.State, entry.Tx, _params, _book.Height + 1, pending);
            if (check.Outcome != AdmitOutcome.Accepted) _book.Remove(queue, entry);
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
