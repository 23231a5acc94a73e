using Google.Protobuf;
using Seratio.Core.Crypto;
using Seratio.Core.Numerics;
using Seratio.Core.State;
using Seratio.Core.Transactions;
using Seratio.Node.Chain;
using Seratio.Node.Mempool;
using Seratio.Node.Production;
using Seratio.Protocol;
using Seratio.Vm.Execution;
using Seratio.Vm.State;

namespace Seratio.Node.Tests.Production;

/// <summary>
/// A minimal deterministic executor used while Seratio.Vm's BlockExecutor is still a stub in
/// this branch: SER transfers with nonce and balance checks, no fees.
/// </summary>
internal sealed class TestExecution : IBlockExecution
{
    public int Calls { get; private set; }

    public BlockOutcome Execute(IStateReader state, BlockContext context, IReadOnlyList<SignedTx> txs)
    {
        Calls++;
        var overlay = new SortedDictionary<Hash32, byte[]?>();
        AccountState Read(Hash32 key) =>
            (overlay.TryGetValue(key, out var v) ? v : state.Get(key)) is { } bytes ? AccountState.Parser.ParseFrom(bytes) : new AccountState { Balance = "0" };
        var receipts = new List<Receipt>();
        for (int i = 0; i < txs.Count; i++)
        {
            var tx = txs[i];
            var receipt = new Receipt { TxHash = tx.Hash.ToByteString(), Height = context.Height, Index = (uint)i, Fee = "0" };
            var senderKey = StateKeys.Account(tx.Sender);
            var sender = Read(senderKey);
            var transfer = tx.Body.Msgs[0].Transfer;
            var amount = Amount.Parse(transfer.Amount);
            if (sender.Nonce != tx.Nonce || Amount.Parse(sender.Balance) < amount)
                receipt.Code = ResultCode.InsufficientFunds;
            else
            {
                sender.Nonce++;
                sender.Balance = (Amount.Parse(sender.Balance) - amount).ToString();
                overlay[senderKey] = sender.ToByteArray();
                var toKey = StateKeys.Account(Core.Addressing.Address.FromByteString(transfer.To, "to"));
                var to = Read(toKey);
                to.Balance = (Amount.Parse(to.Balance) + amount).ToString();
                overlay[toKey] = to.ToByteArray();
            }
            receipts.Add(receipt);
        }
        return new BlockOutcome(receipts, overlay.Select(e => new StateChange(e.Key, e.Value)).ToList());
    }
}

/// <summary>A pool that hands out what tests add, in order, and forgets what blocks include. Thread safe.</summary>
internal sealed class TestPool : ITxPool
{
    private readonly Lock _lock = new();
    private readonly List<SignedTx> _pending = [];

    public List<CommittedBlock> Committed { get; } = [];

    public int Count { get { lock (_lock) return _pending.Count; } }

    public void Add(params SignedTx[] txs) { lock (_lock) _pending.AddRange(txs); }

    public IReadOnlyList<SignedTx> Reap(int maxTxs, int maxBytes)
    {
        lock (_lock)
        {
            var result = new List<SignedTx>();
            int bytes = 0;
            foreach (var tx in _pending)
            {
                if (result.Count == maxTxs || bytes + tx.Size > maxBytes) break;
                result.Add(tx);
                bytes += tx.Size;
            }
            return result;
        }
    }

    public void OnBlockCommitted(CommittedBlock block)
    {
        lock (_lock)
        {
            var included = block.Txs.Select(t => t.Hash).ToHashSet();
            _pending.RemoveAll(t => included.Contains(t.Hash));
            Committed.Add(block);
        }
    }
}

/// <summary>A clock only the test moves. Timers fire, in due order, inside <see cref="Advance"/>.</summary>
internal sealed class FakeTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<FakeTimer> _timers = [];
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() { lock (_lock) return _now; }
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;
    public override long GetTimestamp() { lock (_lock) return _now.UtcTicks; }

    public int ActiveTimers { get { lock (_lock) return _timers.Count(t => t.Due is not null); } }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new FakeTimer(this, callback, state);
        lock (_lock) _timers.Add(timer);
        timer.Change(dueTime, period);
        return timer;
    }

    public void Advance(TimeSpan by)
    {
        DateTimeOffset target;
        lock (_lock) target = _now + by;
        while (true)
        {
            FakeTimer? next;
            lock (_lock)
            {
                next = _timers.Where(t => t.Due <= target).OrderBy(t => t.Due).FirstOrDefault();
                if (next is null) { _now = target; return; }
                _now = next.Due!.Value;
                next.Due = next.Period is { } p && p > TimeSpan.Zero ? _now + p : null;
            }
            next.Fire();
        }
    }

    private sealed class FakeTimer(FakeTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset? Due { get; set; }
        public TimeSpan? Period { get; private set; }
        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._lock)
            {
                Due = dueTime == Timeout.InfiniteTimeSpan ? null : owner._now + dueTime;
                Period = period == Timeout.InfiniteTimeSpan ? null : period;
            }
            return true;
        }

        public void Dispose() { lock (owner._lock) owner._timers.Remove(this); }
        public ValueTask DisposeAsync() { Dispose(); return ValueTask.CompletedTask; }
    }
}
