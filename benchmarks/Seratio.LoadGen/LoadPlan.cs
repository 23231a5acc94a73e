using Seratio.Core.Crypto;

namespace Seratio.LoadGen;

/// <summary>What a transaction of the run does, so the report can give each kind its own committed rate.</summary>
internal enum TxKind
{
    Transfer,
    Certificate,
    Microshare,
    Provenance,
    /// <summary>An exchange order placement (<see cref="OrderMix"/>).</summary>
    Place,
    /// <summary>An exchange cancel of one of the sender's own orders.</summary>
    Cancel,
}

/// <summary>A signed transaction of the run; <paramref name="Round"/> is its place in its account's queue (−1 outside a plan).</summary>
internal sealed record Pending(byte[] Bytes, Hash32 Hash, int Account, TxKind Kind = TxKind.Transfer, int Round = -1);

/// <summary>
/// Every transaction of the run, in offering order: account a sends n transactions (SER transfers to
/// account a+1 unless a module mix says otherwise), from the account's first unused nonce. Offered round
/// by round (transaction k is account k mod A, its (k div A)-th), so each account's nonces go out in
/// order and far apart. Most are signed before the clock starts; "live" slots (exchange actions, whose
/// cancels name order ids only known once earlier placements were matched) are signed when first taken,
/// which the senders do in nonce order for each account. A live slot refused at admission (an exchange
/// limit the trader could not see) becomes a transfer at the same nonce (<see cref="Fallback"/>); any other
/// account refused for a reason other than a full pool is dropped (its later nonces could never commit).
/// Thread safe as long as one account's
/// slots are taken by one thread at a time (both senders do so).
/// </summary>
internal sealed class LoadPlan
{
    private readonly Pending?[][] _queues;
    private readonly ulong[] _firstNonces;
    private readonly Func<int, ulong, Pending>? _signLive;
    private readonly Func<int, ulong, Pending>? _signFallback;
    private readonly bool[][] _live;
    private readonly int[] _dead;

    private LoadPlan(Pending?[][] queues, bool[][] live, ulong[] firstNonces, int perAccount, Func<int, ulong, Pending>? signLive, Func<int, ulong, Pending>? signFallback)
    {
        _queues = queues;
        _live = live;
        _firstNonces = firstNonces;
        _signLive = signLive;
        _signFallback = signFallback;
        _dead = new int[queues.Length];
        PerAccount = perAccount;
    }

    public int Accounts => _queues.Length;
    public int PerAccount { get; }
    public long Total => (long)Accounts * PerAccount;

    /// <summary>The <paramref name="k"/>-th transaction in offering order.</summary>
    public Pending At(long k) => Get((int)(k % Accounts), (int)(k / Accounts));

    public Pending Get(int account, int round)
    {
        var slot = Volatile.Read(ref _queues[account][round]);
        if (slot is not null) return slot;
        var signed = _signLive!(account, _firstNonces[account] + (ulong)round) with { Round = round };
        Volatile.Write(ref _queues[account][round], signed);
        return signed;
    }

    /// <summary>
    /// The transfer that takes the place of <paramref name="refused"/>, a live slot refused at admission, at the
    /// same nonce (so the account's later nonces can still commit); null when <paramref name="refused"/> is not a
    /// live slot of this plan, or was one already replaced.
    /// </summary>
    public Pending? Fallback(Pending refused)
    {
        if (_signFallback is null || refused.Round < 0 || !_live[refused.Account][refused.Round] || refused.Kind == TxKind.Transfer) return null;
        var transfer = _signFallback(refused.Account, _firstNonces[refused.Account] + (ulong)refused.Round) with { Round = refused.Round };
        Volatile.Write(ref _queues[refused.Account][refused.Round], transfer);
        return transfer;
    }

    public bool IsDead(int account) => Volatile.Read(ref _dead[account]) != 0;

    public void Kill(int account) => Volatile.Write(ref _dead[account], 1);

    /// <summary>
    /// Signs the plan: SER transfers, except where <paramref name="sign"/> (account, nonce, index in the
    /// offering order) gives a transaction of a module mix, and where <paramref name="live"/> (index)
    /// says the slot is signed when it is first taken, by <paramref name="signLive"/> (account, nonce), or, when
    /// admission refuses it, by <paramref name="signFallback"/> (account, nonce: a transfer).
    /// </summary>
    public static LoadPlan Sign(SigningKey[] senders, ulong[] firstNonces, int perAccount, string chainId,
        Func<int, ulong, long, (byte[] Bytes, TxKind Kind)?>? sign = null, Func<long, bool>? live = null,
        Func<int, ulong, Pending>? signLive = null, Func<int, ulong, Pending>? signFallback = null)
    {
        if ((live is null) != (signLive is null)) throw new ArgumentException("live slots need their signer");
        var queues = new Pending?[senders.Length][];
        var lives = new bool[senders.Length][];
        Parallel.For(0, senders.Length, a =>
        {
            var q = new Pending?[perAccount];
            var l = new bool[perAccount];
            var to = senders[(a + 1) % senders.Length].Address;
            for (int i = 0; i < perAccount; i++)
            {
                long k = (long)i * senders.Length + a;
                if (live?.Invoke(k) == true)
                {
                    l[i] = true;
                    continue;
                }
                var (bytes, kind) = sign?.Invoke(a, firstNonces[a] + (ulong)i, k)
                    ?? (Transfers.Sign(chainId, senders[a], to, 1, firstNonces[a] + (ulong)i), TxKind.Transfer);
                q[i] = new Pending(bytes, Transfers.HashOf(bytes), a, kind, i);
            }
            queues[a] = q;
            lives[a] = l;
        });
        return new LoadPlan(queues, lives, (ulong[])firstNonces.Clone(), perAccount, signLive, signFallback);
    }
}
