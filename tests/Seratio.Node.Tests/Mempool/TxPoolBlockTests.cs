using Seratio.Node.Mempool;

namespace Seratio.Node.Tests.Mempool;

public class TxPoolBlockTests
{
    [Fact]
    public void OnBlockCommitted_RemovesIncludedTxs()
    {
        var f = new PoolFixture();
        f.Admit(TestTx.From("alice").Nonce(0));
        f.Admit(TestTx.From("alice").Nonce(1));
        f.Admit(TestTx.From("bob").Nonce(0));
        f.CommitReaped(maxTxs: 2);
        Assert.Equal(1, f.Pool.Count);
        Assert.Equal(1UL, f.Pool.Height);
        Assert.True(f.Pool.Contains(TestTx.From("bob").Nonce(0).Hash()));
    }

    [Fact]
    public void OnBlockCommitted_DropsTxsWhoseNonceTheChainPassed()
    {
        var f = new PoolFixture();
        var pending = TestTx.From("alice").Nonce(0).Amount(1);
        f.Admit(pending);
        // Another node's transaction with the same nonce made it into the block.
        f.Pool.OnBlockCommitted(f.Chain.Commit(TestTx.From("alice").Nonce(0).Amount(2).Bytes()));
        Assert.False(f.Pool.Contains(pending.Hash()));
        Assert.Equal(0, f.Pool.Count);
        Assert.True(f.Admit(TestTx.From("alice").Nonce(1)).IsAccepted);
    }

    [Fact]
    public void OnBlockCommitted_RechecksFundsAgainstNewState()
    {
        var f = new PoolFixture();
        f.Chain.SetAccount(TestTx.Key("alice").Address, 0, 1_000);
        var later = TestTx.From("alice").Nonce(1).Amount(500);
        Assert.True(f.Admit(later).IsAccepted);
        // A competing nonce-0 transaction spends 900 (not via this pool): nonce 1 can no longer pay 500.
        f.Pool.OnBlockCommitted(f.Chain.Commit(TestTx.From("alice").Nonce(0).Amount(900).Bytes()));
        Assert.False(f.Pool.Contains(later.Hash()));
    }

    [Fact]
    public void OnBlockCommitted_DropsExpiredTxsOfUntouchedAccounts()
    {
        var f = new PoolFixture();
        var expiring = TestTx.From("carol").Nonce(0).Expiry(1);
        f.Admit(expiring);
        f.Admit(TestTx.From("carol").Nonce(1));
        f.Pool.OnBlockCommitted(f.Chain.Commit(TestTx.From("alice").Nonce(0).Bytes()));
        Assert.False(f.Pool.Contains(expiring.Hash()));
        Assert.Equal(1, f.Pool.Count);
        Assert.Empty(f.Pool.Reap(10, int.MaxValue)); // carol1 now waits for a new nonce 0
    }

    [Fact]
    public void OnBlockCommitted_SameBlockTwice_IsIgnored()
    {
        var f = new PoolFixture();
        f.Admit(TestTx.From("alice").Nonce(0));
        var block = f.Chain.Commit(f.Pool.Reap(10, int.MaxValue));
        f.Pool.OnBlockCommitted(block);
        f.Admit(TestTx.From("alice").Nonce(1));
        f.Pool.OnBlockCommitted(block);
        Assert.Equal(1, f.Pool.Count);
    }

    [Fact]
    public void OnBlockCommitted_AfterSkippedBlock_RefreshesEveryAccount()
    {
        var f = new PoolFixture();
        var stale = TestTx.From("bob").Nonce(0);
        f.Admit(stale);
        f.Chain.Commit(TestTx.From("bob").Nonce(0).Amount(3).Bytes()); // the pool never hears of block 1
        f.Pool.OnBlockCommitted(f.Chain.Commit());
        Assert.False(f.Pool.Contains(stale.Hash()));
    }

    [Fact]
    public void Admit_AfterBlock_UsesNewNonce()
    {
        var f = new PoolFixture();
        f.Admit(TestTx.From("alice").Nonce(0));
        f.CommitReaped();
        var result = f.Admit(TestTx.From("alice").Nonce(0).Amount(7));
        Assert.Equal(AdmitOutcome.NonceTooLow, result.Outcome);
        Assert.Equal("nonce 0 already used; next is 1", result.Reason);
    }
}
