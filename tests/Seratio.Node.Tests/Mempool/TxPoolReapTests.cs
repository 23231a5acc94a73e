using Seratio.Core.Transactions;
using Seratio.Node.Mempool;

namespace Seratio.Node.Tests.Mempool;

public class TxPoolReapTests
{
    private static string Describe(IEnumerable<SignedTx> txs, PoolFixture _) =>
        string.Join(",", txs.Select(t => Name(t) + t.Nonce));

    private static string Name(SignedTx tx) =>
        new[] { "alice", "bob", "carol" }.First(n => TestTx.Key(n).Address == tx.Sender);

    [Fact]
    public void Reap_InterleavesAccountsByArrival_InNonceOrder()
    {
        var f = new PoolFixture();
        f.Admit(TestTx.From("alice").Nonce(0));
        f.Admit(TestTx.From("bob").Nonce(0));
        f.Admit(TestTx.From("alice").Nonce(1));
        f.Admit(TestTx.From("carol").Nonce(0));
        f.Admit(TestTx.From("bob").Nonce(1));
        Assert.Equal("alice0,bob0,alice1,carol0,bob1", Describe(f.Pool.Reap(100, int.MaxValue), f));
    }

    [Fact]
    public void Reap_QueuedTxWaitsForItsGapThenFollowsItsPredecessor()
    {
        var f = new PoolFixture();
        Assert.True(f.Admit(TestTx.From("alice").Nonce(1)).IsAccepted);
        Assert.True(f.Admit(TestTx.From("bob").Nonce(0)).IsAccepted);
        Assert.Equal("bob0", Describe(f.Pool.Reap(100, int.MaxValue), f));

        Assert.True(f.Admit(TestTx.From("alice").Nonce(0)).IsAccepted);
        // alice1 arrived before bob0, so it goes right after alice0.
        Assert.Equal("bob0,alice0,alice1", Describe(f.Pool.Reap(100, int.MaxValue), f));
    }

    [Fact]
    public void Reap_StopsAtMaxTxs()
    {
        var f = new PoolFixture();
        for (ulong n = 0; n < 5; n++) f.Admit(TestTx.From("alice").Nonce(n));
        Assert.Equal("alice0,alice1,alice2", Describe(f.Pool.Reap(3, int.MaxValue), f));
    }

    [Fact]
    public void Reap_SkipsAnAccountWhoseNextTxDoesNotFit_AndKeepsOthers()
    {
        var f = new PoolFixture();
        f.Admit(TestTx.From("alice").Nonce(0).Memo(new string('x', 200)));
        f.Admit(TestTx.From("alice").Nonce(1));
        f.Admit(TestTx.From("bob").Nonce(0));
        f.Admit(TestTx.From("bob").Nonce(1));
        int small = TestTx.From("bob").Nonce(0).Bytes().Length;
        Assert.Equal("bob0,bob1", Describe(f.Pool.Reap(100, small * 2 + 10), f));
    }

    [Fact]
    public void Reap_LeavesTxsPendingUntilCommitted()
    {
        var f = new PoolFixture();
        f.Admit(TestTx.From("alice").Nonce(0));
        Assert.Single(f.Pool.Reap(100, int.MaxValue));
        Assert.Single(f.Pool.Reap(100, int.MaxValue));
        Assert.Equal(1, f.Pool.Count);
    }

    [Fact]
    public void Reap_SamePoolContent_GivesSameOrder()
    {
        var a = new PoolFixture();
        var b = new PoolFixture();
        foreach (var f in new[] { a, b })
            for (ulong n = 0; n < 10; n++)
                foreach (var name in new[] { "carol", "alice", "bob" })
                    f.Admit(TestTx.From(name).Nonce(n));
        Assert.Equal(
            a.Pool.Reap(1000, int.MaxValue).Select(t => t.Hash),
            b.Pool.Reap(1000, int.MaxValue).Select(t => t.Hash));
    }
}
