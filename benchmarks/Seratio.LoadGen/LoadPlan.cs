using Seratio.Core.Crypto;

namespace Seratio.LoadGen;

/// <summary>A pre-signed transfer of the run.</summary>
internal sealed record Pending(byte[] Bytes, Hash32 Hash, int Account);

/// <summary>
/// Every transfer of the run, signed before the clock starts: account a sends n transfers to
/// account a+1, from the account's first unused nonce. Offered round by round (transfer k is
/// account k mod A, its (k div A)-th transfer), so each
/// account's nonces go out in order and far apart. An account refused for a reason other than
/// a full pool is dropped (its later nonces could never commit). Thread safe.
/// </summary>
internal sealed class LoadPlan
{
    private readonly Pending[][] _queues;
    private readonly int[] _dead;

    private LoadPlan(Pending[][] queues, int perAccount)
    {
        _queues = queues;
        _dead = new int[queues.Length];
        PerAccount = perAccount;
    }

    public int Accounts => _queues.Length;
    public int PerAccount { get; }
    public long Total => (long)Accounts * PerAccount;

    /// <summary>The <paramref name="k"/>-th transfer in offering order.</summary>
    public Pending At(long k) => _queues[(int)(k % Accounts)][(int)(k / Accounts)];

    public Pending Get(int account, int round) => _queues[account][round];

    public bool IsDead(int account) => Volatile.Read(ref _dead[account]) != 0;

    public void Kill(int account) => Volatile.Write(ref _dead[account], 1);

    public static LoadPlan Sign(SigningKey[] senders, ulong[] firstNonces, int perAccount, string chainId) =>
        Sign(senders, firstNonces, perAccount, chainId, TxMix.TransfersOnly, null);

    /// <summary>As above, with the run's share of certificate issuances (transaction k of the offering order is one when <paramref name="mix"/> says so).</summary>
    /// <remarks><paramref name="microshares"/> signs a microshare send (account, nonce) where <paramref name="mix"/> places one.</remarks>
    public static LoadPlan Sign(SigningKey[] senders, ulong[] firstNonces, int perAccount, string chainId, TxMix mix, CertificateMix.Target? certificates,
        Func<int, ulong, byte[]>? microshares = null)
    {
        var queues = new Pending[senders.Length][];
        Parallel.For(0, senders.Length, a =>
        {
            var q = new Pending[perAccount];
            var to = senders[(a + 1) % senders.Length].Address;
            for (int i = 0; i < perAccount; i++)
            {
                ulong nonce = firstNonces[a] + (ulong)i;
                long position = (long)i * senders.Length + a;
                var bytes = certificates is not null && mix.IsCertificate(position)
                    ? CertificateMix.SignIssue(chainId, senders[a], nonce, certificates)
                    : microshares is not null && mix.IsMicroshare(position)
                        ? microshares(a, nonce)
                        : Transfers.Sign(chainId, senders[a], to, 1, nonce);
                q[i] = new Pending(bytes, Transfers.HashOf(bytes), a);
            }
            queues[a] = q;
        });
        return new LoadPlan(queues, perAccount);
    }
}
