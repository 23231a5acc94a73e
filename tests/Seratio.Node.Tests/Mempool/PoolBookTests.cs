using System.Collections.Concurrent;
using CsCheck;
using Seratio.Core.Numerics;
using Seratio.Core.Transactions;
using Seratio.Node.Mempool;
using Seratio.Node.Mempool.Admission;

namespace Seratio.Node.Tests.Mempool;

public class PoolBookTests
{
    private static readonly SignedTx Sample = Decode(TestTx.From("alice").Bytes());

    private static SignedTx Decode(byte[] bytes)
    {
        TxDecoder.TryDecode(bytes, FakeChain.TestChainId, TxDecoder.MaxTxBytes, out var tx, out _);
        return tx!;
    }

    [Fact]
    public void NextFreeNonce_EqualsTheLinearScan_ForAnyHeldNonces()
    {
        // CsCheck prints the failing seed; replay with Sample(..., seed: "<seed>").
        Gen.Select(Gen.ULong[0, 5], Gen.Int[0, 40].HashSet[0, 30]).Sample((stateNonce, offsets) =>
        {
            var queue = new AccountQueue(Sample.Sender, new AccountSnapshot(stateNonce, Amount.Zero));
            foreach (var offset in offsets) queue.ByNonce.Add(stateNonce + (ulong)offset, new PoolEntry(Sample, 0, Amount.Zero));
            ulong expected = stateNonce;
            while (queue.ByNonce.ContainsKey(expected)) expected++;
            return queue.NextFreeNonce() == expected;
        });
    }

    [Fact]
    public void Admit_WindowCountsFromTheNextFreeNonce_SoLongRunsFitMaxPerAccount()
    {
        var f = new PoolFixture(new MempoolOptions { NonceWindow = 1, MaxPerAccount = 100 });
        for (ulong n = 0; n < 100; n++)
            Assert.Equal(AdmitOutcome.Accepted, f.Admit(TestTx.From("alice").Nonce(n)).Outcome);
        Assert.Equal(AdmitOutcome.AccountFull, f.Admit(TestTx.From("alice").Nonce(100)).Outcome);
        Assert.Equal(AdmitOutcome.NonceGap, f.Admit(TestTx.From("bob").Nonce(1)).Outcome);
    }

    [Fact]
    public void OnBlockCommitted_ExpiryIndex_RemovesOnlyLiveExpiredEntries()
    {
        var f = new PoolFixture();
        var early = TestTx.From("alice").Nonce(0).Expiry(1);
        var late = TestTx.From("bob").Nonce(0).Expiry(3);
        f.Admit(early);
        f.Admit(late);
        f.Pool.OnBlockCommitted(f.Chain.Commit());
        Assert.False(f.Pool.Contains(early.Hash()));
        Assert.True(f.Pool.Contains(late.Hash()));
        f.Pool.OnBlockCommitted(f.Chain.Commit());
        Assert.True(f.Pool.Contains(late.Hash()));
        f.Pool.OnBlockCommitted(f.Chain.Commit());
        Assert.False(f.Pool.Contains(late.Hash()));
        Assert.Equal(0, f.Pool.Count);
        Assert.Equal(0, f.Pool.Bytes);
    }

    private static readonly ConcurrentDictionary<(int, ulong, ulong), SignedTx> Signed = new();

    private static SignedTx Signed_(int account, ulong nonce, ulong gasPrice) =>
        Signed.GetOrAdd((account, nonce, gasPrice), k => Decode(TestTx.From($"book-{k.Item1}").Nonce(k.Item2).GasPrice(k.Item3).Bytes()));

    [Fact]
    public void ParkedCountAndEvictionOrder_MatchALinearRecount_AfterAnyAddRemoveOrNonceStep()
    {
        // op: 0 add (nonce = account nonce + value), 1 remove the value-th held entry, 2 the account nonce steps by value
        var ops = Gen.Select(Gen.Int[0, 2], Gen.Int[0, 3], Gen.Int[0, 5], Gen.ULong[0, 3]).Array[1, 40];
        // CsCheck prints the failing seed; replay with Sample(..., seed: "<seed>").
        ops.Sample(steps =>
        {
            var book = new PoolBook();
            var states = new ulong[4];
            foreach (var (kind, account, value, price) in steps)
            {
                var address = TestTx.Key($"book-{account}").Address;
                book.TryGetAccount(address, out var queue);
                if (kind == 0)
                {
                    ulong nonce = states[account] + (ulong)value;
                    if (queue?.ByNonce.ContainsKey(nonce) == true) continue;
                    book.Add(queue ?? book.GetOrAddAccount(address, new AccountSnapshot(states[account], Amount.Zero)), Signed_(account, nonce, price), Amount.Zero);
                }
                else if (kind == 1 && queue is not null)
                    book.Remove(queue, queue.ByNonce.Values[value % queue.ByNonce.Count]);
                else if (kind == 2)
                {
                    states[account] += (ulong)value;
                    if (queue is null) continue;
                    queue.State = new AccountSnapshot(states[account], Amount.Zero);
                    foreach (var entry in queue.ByNonce.Values.Where(e => e.Tx.Nonce < states[account]).ToArray()) book.Remove(queue, entry);
                    book.Refresh(queue);
                }
                if (!Consistent(book)) return false;
            }
            return true;
        });
    }

    private static bool Consistent(PoolBook book)
    {
        int parked = 0;
        var tails = new List<EvictionKey>();
        foreach (var queue in book.AccountsInOrder())
        {
            ulong next = queue.State.Nonce;
            while (queue.ByNonce.ContainsKey(next)) next++;
            int own = queue.ByNonce.Keys.Count(n => n > next);
            if (queue.ParkedCount != own) return false;
            parked += own;
            var last = queue.ByNonce.Values[^1];
            tails.Add(new EvictionKey(own == 0, last.Tx.Body.GasPrice, last.Seq));
        }
        tails.Sort();
        return parked == book.ParkedCount && tails.SequenceEqual(book.EvictionOrder.Select(t => t.Key));
    }
}
