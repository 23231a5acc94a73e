using Seratio.Core.Addressing;
using Seratio.Core.Crypto;
using Seratio.Core.Numerics;
using Seratio.Core.Transactions;
using Seratio.Node.Mempool.Admission;

namespace Seratio.Node.Mempool;

/// <summary>One pending transaction: the tx, its arrival sequence number, the most it may spend and the pool height it came at.</summary>
internal sealed class PoolEntry(SignedTx tx, long seq, Amount maxSpend, ulong admittedAt = 0)
{
    public SignedTx Tx { get; } = tx;
    public long Seq { get; } = seq;
    public Amount MaxSpend { get; } = maxSpend;
    public ulong AdmittedAt { get; } = admittedAt;
}

/// <summary>
/// One sender's pending transactions by nonce, with the account state they were checked against.
/// Invariant: every held nonce is ≥ <see cref="State"/>.Nonce; <see cref="PendingSpend"/> is the
/// sum of the entries' MaxSpend.
/// </summary>
internal sealed class AccountQueue(Address address, AccountSnapshot state)
{
    public Address Address { get; } = address;
    public AccountSnapshot State { get; set; } = state;
    public SortedList<ulong, PoolEntry> ByNonce { get; } = new();
    public Amount PendingSpend { get; set; }

    /// <summary>Held entries behind a missing nonce (not proposable), as of the book's last <see cref="PoolBook.Refresh"/>.</summary>
    public int ParkedCount { get; set; }

    /// <summary>This sender's key in the book's eviction order, as of its last refresh.</summary>
    internal EvictionKey? Tail { get; set; }

    /// <summary>How many held nonces run consecutively from the account nonce (the proposable ones).</summary>
    public int ReadyCount => (int)(NextFreeNonce() - State.Nonce);

    /// <summary>The lowest nonce not held from the account nonce on (the next one a sender should use). O(log n).</summary>
    public ulong NextFreeNonce()
    {
        // Held nonces are distinct and ≥ State.Nonce, so Keys[i] - i never decreases: the run of
        // consecutive nonces from State.Nonce is the prefix where Keys[i] - i == State.Nonce.
        var keys = ByNonce.Keys;
        int lo = 0, hi = keys.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (keys[mid] - (ulong)mid == State.Nonce) lo = mid + 1;
            else hi = mid;
        }
        return State.Nonce + (ulong)lo;
    }
}

/// <summary>
/// Where a sender's last held transaction stands in the eviction order: parked before ready, then
/// the lowest gas_price, then the newest (highest arrival sequence). Only a sender's last nonce is
/// ever evicted, so eviction never opens a gap. Unique per entry (arrival sequences are). Immutable.
/// </summary>
internal readonly record struct EvictionKey(bool Ready, ulong GasPrice, long Seq) : IComparable<EvictionKey>
{
    public int CompareTo(EvictionKey other)
    {
        int c = Ready.CompareTo(other.Ready);
        if (c == 0) c = GasPrice.CompareTo(other.GasPrice);
        return c != 0 ? c : other.Seq.CompareTo(Seq);
    }

    /// <summary>Whether this entry yields its place to a newcomer of <paramref name="ready"/> and <paramref name="gasPrice"/>: strictly lower in priority.</summary>
    public bool YieldsTo(bool ready, ulong gasPrice) => Ready != ready ? ready : GasPrice < gasPrice;
}

/// <summary>
/// The pool's data: entries by hash, senders' queues, byte count, arrival sequence, parked count
/// and the eviction order of senders' last entries. NOT thread safe: <see cref="TxPool"/> holds its
/// lock around every call. Invariant after every public call: each queue's ParkedCount and Tail
/// match its entries, <see cref="ParkedCount"/> is their sum.
/// </summary>
internal sealed class PoolBook
{
    private readonly Dictionary<Hash32, PoolEntry> _byHash = new();
    private readonly Dictionary<Address, AccountQueue> _accounts = new();
    // Every sender's last held entry, lowest priority first: the eviction candidates.
    private readonly SortedDictionary<EvictionKey, AccountQueue> _tails = new();
    // Senders with parked entries, for the age sweep.
    private readonly HashSet<AccountQueue> _parkedAccounts = new(ReferenceEqualityComparer.Instance);
    // Entries with an expiry height, soonest first; removed entries are skipped when they surface.
    private readonly PriorityQueue<PoolEntry, ulong> _expiring = new();
    private long _nextSeq;

    public ulong Height { get; set; }
    public int Count => _byHash.Count;
    public long Bytes { get; private set; }
    public int AccountCount => _accounts.Count;

    /// <summary>Held entries behind a missing nonce of their sender, in the whole book.</summary>
    public int ParkedCount { get; private set; }

    /// <summary>Senders' last entries, lowest priority (the first to evict) first.</summary>
    public IEnumerable<KeyValuePair<EvictionKey, AccountQueue>> EvictionOrder => _tails;

    /// <summary>The lowest-priority last entry of any sender, or null for an empty book.</summary>
    public EvictionKey? LowestTail => _tails.Count == 0 ? null : _tails.First().Key;

    public bool Contains(Hash32 hash) => _byHash.ContainsKey(hash);
    public bool TryGetEntry(Hash32 hash, out PoolEntry entry) => _byHash.TryGetValue(hash, out entry!);
    public bool TryGetAccount(Address address, out AccountQueue queue) => _accounts.TryGetValue(address, out queue!);

    /// <summary>Senders in address order (never dictionary order), for deterministic sweeps.</summary>
    public List<AccountQueue> AccountsInOrder()
    {
        var list = new List<AccountQueue>(_accounts.Values);
        list.Sort(static (a, b) => a.Address.CompareTo(b.Address));
        return list;
    }

    public AccountQueue GetOrAddAccount(Address address, AccountSnapshot state)
    {
        if (!_accounts.TryGetValue(address, out var queue))
            _accounts.Add(address, queue = new AccountQueue(address, state));
        return queue;
    }

    public void Add(AccountQueue queue, SignedTx tx, Amount maxSpend)
    {
        var entry = new PoolEntry(tx, _nextSeq++, maxSpend, Height);
        _byHash.Add(tx.Hash, entry);
        queue.ByNonce.Add(tx.Nonce, entry);
        queue.PendingSpend = Saturating(queue.PendingSpend, maxSpend);
        Bytes += tx.Size;
        if (tx.Body.ExpiryHeight != 0)
        {
            _expiring.Enqueue(entry, tx.Body.ExpiryHeight);
            if (_expiring.Count > 2 * _byHash.Count + 1024) CompactExpiring();
        }
        Refresh(queue);
    }

    /// <summary>
    /// Recomputes <paramref name="queue"/>'s parked count and eviction key after its entries or its
    /// state changed. O(log n). A queue whose nonces are not all ≥ its state nonce (mid re-check) is
    /// refreshed again once they are.
    /// </summary>
    public void Refresh(AccountQueue queue)
    {
        if (queue.Tail is { } old) _tails.Remove(old);
        ParkedCount -= queue.ParkedCount;
        int count = queue.ByNonce.Count;
        bool held = count > 0 && _accounts.TryGetValue(queue.Address, out var current) && ReferenceEquals(current, queue);
        int parked = held ? Math.Max(0, count - queue.ReadyCount) : 0;
        queue.ParkedCount = parked;
        ParkedCount += parked;
        if (parked > 0) _parkedAccounts.Add(queue);
        else _parkedAccounts.Remove(queue);
        if (held)
        {
            var last = queue.ByNonce.Values[count - 1];
            var key = new EvictionKey(parked == 0, last.Tx.Body.GasPrice, last.Seq);
            _tails.Add(key, queue);
            queue.Tail = key;
        }
        else queue.Tail = null;
    }

    /// <summary>
    /// Senders' last entries of lower priority than a newcomer (<see cref="EvictionKey.YieldsTo"/>), lowest
    /// first and one per sender (never the newcomer's own <paramref name="sender"/>), until they free
    /// <paramref name="needTxs"/> entries and <paramref name="needBytes"/> bytes; null if they cannot. Changes nothing.
    /// </summary>
    public List<PoolEntry>? PlanEviction(Address sender, bool ready, ulong gasPrice, int needTxs, long needBytes)
    {
        var victims = new List<PoolEntry>();
        long freedBytes = 0;
        foreach (var (key, queue) in _tails)
        {
            if (victims.Count >= needTxs && freedBytes >= needBytes) break;
            if (!key.YieldsTo(ready, gasPrice)) break; // the order is by priority: nothing later yields either
            if (queue.Address == sender) continue;
            var last = queue.ByNonce.Values[queue.ByNonce.Count - 1];
            victims.Add(last);
            freedBytes += last.Tx.Size;
        }
        return victims.Count >= needTxs && freedBytes >= needBytes ? victims : null;
    }

    /// <summary>
    /// Drops every parked entry admitted <paramref name="maxAge"/> or more heights before
    /// <see cref="Height"/>; returns how many. Dropping a parked entry never changes whether
    /// another entry is ready, so the order of the sweep does not matter.
    /// </summary>
    public int RemoveOldParked(int maxAge)
    {
        int removed = 0;
        foreach (var queue in _parkedAccounts.ToArray())
        {
            int ready = queue.ReadyCount;
            for (int i = queue.ByNonce.Count - 1; i >= ready; i--)
            {
                var entry = queue.ByNonce.Values[i];
                if (entry.AdmittedAt + (ulong)maxAge > Height) continue;
                Remove(queue, entry);
                removed++;
            }
        }
        return removed;
    }

    /// <summary>Removes every entry whose expiry height is below <paramref name="nextHeight"/>; returns how many.</summary>
    public int RemoveExpired(ulong nextHeight)
    {
        int removed = 0;
        while (_expiring.TryPeek(out var entry, out var expiry) && expiry < nextHeight)
        {
            _expiring.Dequeue();
            if (!_byHash.TryGetValue(entry.Tx.Hash, out var held) || !ReferenceEquals(held, entry)) continue;
            Remove(_accounts[entry.Tx.Sender], entry);
            removed++;
        }
        return removed;
    }

    private void CompactExpiring()
    {
        var live = new List<(PoolEntry, ulong)>();
        while (_expiring.TryDequeue(out var entry, out var expiry))
            if (_byHash.TryGetValue(entry.Tx.Hash, out var held) && ReferenceEquals(held, entry)) live.Add((entry, expiry));
        _expiring.EnqueueRange(live);
    }

    /// <summary>Removes <paramref name="entry"/>; drops its sender's queue when it empties.</summary>
    public void Remove(AccountQueue queue, PoolEntry entry)
    {
        _byHash.Remove(entry.Tx.Hash);
        queue.ByNonce.Remove(entry.Tx.Nonce);
        Bytes -= entry.Tx.Size;
        if (queue.PendingSpend == Amount.MaxValue) RecomputeSpend(queue); // saturated: the sum is not known
        else queue.PendingSpend -= entry.MaxSpend;
        if (queue.ByNonce.Count == 0) _accounts.Remove(queue.Address);
        Refresh(queue);
    }

    public static void RecomputeSpend(AccountQueue queue)
    {
        var total = Amount.Zero;
        foreach (var entry in queue.ByNonce.Values) total = Saturating(total, entry.MaxSpend);
        queue.PendingSpend = total;
    }

    /// <summary>
    /// Proposable transactions: each sender's run of consecutive nonces from its account nonce,
    /// senders interleaved by arrival sequence. A sender whose next tx does not fit the byte budget
    /// is passed over (its later nonces cannot go without it). Deterministic for a given book.
    /// </summary>
    public List<SignedTx> Reap(int maxTxs, long maxBytes)
    {
        var result = new List<SignedTx>(Math.Min(maxTxs, Count));
        if (maxTxs <= 0 || maxBytes <= 0) return result;
        var heads = new PriorityQueue<(AccountQueue Queue, int Index), long>(_accounts.Count);
        foreach (var queue in _accounts.Values)
        {
            // Order of insertion does not matter: priorities (arrival sequence numbers) are unique.
            if (queue.ByNonce.Count > 0 && queue.ByNonce.Keys[0] == queue.State.Nonce)
                heads.Enqueue((queue, 0), queue.ByNonce.Values[0].Seq);
        }
        long bytes = 0;
        while (result.Count < maxTxs && heads.TryDequeue(out var head, out _))
        {
            var (queue, index) = head;
            var entry = queue.ByNonce.Values[index];
            if (bytes + entry.Tx.Size > maxBytes) continue;
            bytes += entry.Tx.Size;
            result.Add(entry.Tx);
            int next = index + 1;
            if (next < queue.ByNonce.Count && queue.ByNonce.Keys[next] == queue.ByNonce.Keys[index] + 1)
                heads.Enqueue((queue, next), queue.ByNonce.Values[next].Seq);
        }
        return result;
    }

    private static Amount Saturating(Amount a, Amount b) => a.TryAdd(b, out var sum) ? sum : Amount.MaxValue;
}
