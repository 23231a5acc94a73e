using Seratio.Core.Chain;
using Seratio.Node.Mempool;

namespace Seratio.Node.Tests.Mempool;

/// <summary>
/// Issue 9, item 3: parked (gapped) transactions have their own budget and age out, a full pool
/// evicts parked before ready and then the lowest gas_price, and a node may set an admission floor.
/// </summary>
public class TxPoolParkedAndEvictionTests
{
    private static readonly string[] Names = ["alice", "bob", "carol", "dave", "erin", "frank"];

    // 20,000 gas covers a plain transfer; small enough that many priced transactions fit the funds.
    private static TestTx Tx(string name, ulong nonce, ulong gasPrice = 0) =>
        TestTx.From(name).Nonce(nonce).GasPrice(gasPrice).GasLimit(20_000);

    private static PoolFixture Fixture(MempoolOptions options) => new(options, funded: Names);

    [Theory]
    // perAccount, total, alice's parked, bob's parked before bob's next gapped nonce → its outcome
    [InlineData(16, 100, 0, 15, AdmitOutcome.Accepted)]
    [InlineData(16, 100, 0, 16, AdmitOutcome.ParkedFull)] // bob's own budget is spent
    [InlineData(16, 20, 10, 9, AdmitOutcome.Accepted)]
    [InlineData(16, 20, 10, 10, AdmitOutcome.ParkedFull)] // the pool's budget is spent, nothing cheaper to evict
    [InlineData(0, 100, 0, 0, AdmitOutcome.ParkedFull)] // no parking at all
    [InlineData(16, 0, 0, 0, AdmitOutcome.ParkedFull)]
    public void Admit_GappedNonce_IsBoundByTheParkedBudgets(int perAccount, int total, int aliceParked, int bobParked, AdmitOutcome expected)
    {
        var f = Fixture(new MempoolOptions { MaxParkedPerAccount = perAccount, MaxParked = total });
        for (int n = 1; n <= aliceParked; n++) Assert.True(f.Admit(Tx("alice", (ulong)n)).IsAccepted);
        for (int n = 1; n <= bobParked; n++) Assert.True(f.Admit(Tx("bob", (ulong)n)).IsAccepted);

        var result = f.Admit(Tx("bob", (ulong)bobParked + 1));

        Assert.Equal(expected, result.Outcome);
        if (expected == AdmitOutcome.ParkedFull) Assert.Contains("submit nonce 0 first", result.Reason);
        Assert.Empty(f.Pool.Reap(100, int.MaxValue)); // parked is never proposed
    }

    [Fact]
    public void Admit_ReadyNonce_IgnoresTheParkedBudget_AndReleasesTheParked()
    {
        var f = Fixture(new MempoolOptions { MaxParkedPerAccount = 2, MaxParked = 2 });
        Assert.True(f.Admit(Tx("alice", 1)).IsAccepted);
        Assert.True(f.Admit(Tx("alice", 2)).IsAccepted);
        Assert.Equal(AdmitOutcome.ParkedFull, f.Admit(Tx("bob", 1)).Outcome);

        Assert.True(f.Admit(Tx("alice", 0)).IsAccepted); // fills the gap: 1 and 2 are ready now
        Assert.True(f.Admit(Tx("bob", 1)).IsAccepted); // so the budget has room again
        Assert.Equal([0UL, 1, 2], f.Pool.Reap(100, int.MaxValue).Select(t => t.Nonce));
    }

    [Fact]
    public void Admit_GappedNonce_WhenParkedBudgetIsFull_EvictsACheaperParkedOne()
    {
        var f = Fixture(new MempoolOptions { MaxParked = 2 });
        var cheap = Tx("alice", 1, gasPrice: 1);
        Assert.True(f.Admit(cheap).IsAccepted);
        Assert.True(f.Admit(Tx("bob", 1, gasPrice: 3)).IsAccepted);

        Assert.Equal(AdmitOutcome.ParkedFull, f.Admit(Tx("carol", 1, gasPrice: 1)).Outcome); // not better than the cheapest
        Assert.True(f.Admit(Tx("carol", 1, gasPrice: 2)).IsAccepted);

        Assert.False(f.Pool.Contains(cheap.Hash()));
        Assert.Equal(2, f.Pool.Count);
    }

    [Fact]
    public void OnBlockCommitted_DropsParkedAfterParkedMaxAgeHeights_AndKeepsReady()
    {
        var f = Fixture(new MempoolOptions { ParkedMaxAgeHeights = 3 });
        var parked = Tx("alice", 2);
        var released = Tx("carol", 1);
        var ready = Tx("bob", 0);
        Assert.True(f.Admit(parked).IsAccepted);
        Assert.True(f.Admit(released).IsAccepted);
        Assert.True(f.Admit(ready).IsAccepted);
        Assert.True(f.Admit(Tx("carol", 0)).IsAccepted); // carol's gap fills in time: nothing of hers is parked

        f.Pool.OnBlockCommitted(f.Chain.Commit()); // empty blocks: nothing is included
        f.Pool.OnBlockCommitted(f.Chain.Commit());
        Assert.True(f.Pool.Contains(parked.Hash()));

        f.Pool.OnBlockCommitted(f.Chain.Commit());

        Assert.False(f.Pool.Contains(parked.Hash()));
        Assert.True(f.Pool.Contains(ready.Hash()));
        Assert.True(f.Pool.Contains(released.Hash()));
        Assert.Equal(3, f.Pool.Count);
        Assert.True(f.Admit(Tx("alice", 2)).IsAccepted); // its budget is free again
    }

    [Fact]
    public void OnBlockCommitted_ParkedAgeCountsFromAdmission_NotFromTheFirstBlock()
    {
        var f = Fixture(new MempoolOptions { ParkedMaxAgeHeights = 2 });
        f.Pool.OnBlockCommitted(f.Chain.Commit());
        f.Pool.OnBlockCommitted(f.Chain.Commit());
        var parked = Tx("alice", 1);
        Assert.True(f.Admit(parked).IsAccepted); // admitted at height 2
        f.Pool.OnBlockCommitted(f.Chain.Commit());
        Assert.True(f.Pool.Contains(parked.Hash()));
        f.Pool.OnBlockCommitted(f.Chain.Commit());
        Assert.False(f.Pool.Contains(parked.Hash()));
    }

    [Fact]
    public void Admit_WhenPoolIsFull_EvictsParkedFirst_ThenTheLowestGasPrice()
    {
        var f = Fixture(new MempoolOptions { MaxTxs = 3 });
        var parked = Tx("alice", 1, gasPrice: 9); // parked goes first, whatever it pays
        var cheap = Tx("bob", 0, gasPrice: 1);
        var fair = Tx("carol", 0, gasPrice: 2);
        Assert.True(f.Admit(parked).IsAccepted);
        Assert.True(f.Admit(cheap).IsAccepted);
        Assert.True(f.Admit(fair).IsAccepted);

        var first = Tx("dave", 0, gasPrice: 3);
        Assert.True(f.Admit(first).IsAccepted);
        Assert.False(f.Pool.Contains(parked.Hash()));
        Assert.True(f.Pool.Contains(cheap.Hash()));

        var second = Tx("erin", 0, gasPrice: 3);
        Assert.True(f.Admit(second).IsAccepted);
        Assert.False(f.Pool.Contains(cheap.Hash()));

        var result = f.Admit(Tx("frank", 0, gasPrice: 2)); // not above the lowest left (carol's 2)
        Assert.Equal(AdmitOutcome.PoolFull, result.Outcome);
        Assert.Contains("retry after the next block", result.Reason);

        Assert.Equal(3, f.Pool.Count);
        var reaped = f.Pool.Reap(100, int.MaxValue).Select(t => t.Hash).ToHashSet();
        Assert.True(reaped.SetEquals([fair.Hash(), first.Hash(), second.Hash()]), "the evicted are gone from Reap");
    }

    [Fact]
    public void Admit_WhenPoolIsFull_EvictsOnlyASendersLastNonce_SoNoGapOpens()
    {
        var f = Fixture(new MempoolOptions { MaxTxs = 3 });
        var bob0 = Tx("bob", 0, gasPrice: 1);
        var bob1 = Tx("bob", 1, gasPrice: 5);
        Assert.True(f.Admit(bob0).IsAccepted);
        Assert.True(f.Admit(bob1).IsAccepted);
        Assert.True(f.Admit(Tx("carol", 0, gasPrice: 4)).IsAccepted);

        // bob's nonce 0 pays least, but evicting it would park nonce 1; carol's last pays 4 < 6.
        Assert.True(f.Admit(Tx("dave", 0, gasPrice: 6)).IsAccepted);
        Assert.True(f.Pool.Contains(bob0.Hash()));
        Assert.True(f.Pool.Contains(bob1.Hash()));
        Assert.Equal(3, f.Pool.Reap(100, int.MaxValue).Count);
    }

    [Fact]
    public void Admit_WhenPoolIsFull_NeverEvictsTheNewcomersOwnSender()
    {
        var f = Fixture(new MempoolOptions { MaxTxs = 2 });
        Assert.True(f.Admit(Tx("alice", 0, gasPrice: 1)).IsAccepted);
        Assert.True(f.Admit(Tx("alice", 1, gasPrice: 1)).IsAccepted);
        Assert.Equal(AdmitOutcome.PoolFull, f.Admit(Tx("alice", 2, gasPrice: 9)).Outcome);
    }

    [Fact]
    public void Admit_GappedNonce_WhenPoolIsFullOfReady_IsPoolFull_WhateverItPays()
    {
        var f = Fixture(new MempoolOptions { MaxTxs = 2 });
        Assert.True(f.Admit(Tx("alice", 0, gasPrice: 1)).IsAccepted);
        Assert.True(f.Admit(Tx("bob", 0, gasPrice: 1)).IsAccepted);
        var result = f.Admit(Tx("carol", 1, gasPrice: 40));
        Assert.Equal(AdmitOutcome.PoolFull, result.Outcome);
        Assert.Contains("submit nonce 0 first", result.Reason);
    }

    [Theory]
    // gas price of the pool's entries, whether they are parked, newcomer's gas price → outcome of a forged newcomer
    [InlineData(5UL, false, 5UL, AdmitOutcome.PoolFull)] // could not win a slot: shed before verifying
    [InlineData(5UL, false, 6UL, AdmitOutcome.BadSignature)] // could: verified (and refused for its signature)
    [InlineData(5UL, true, 0UL, AdmitOutcome.BadSignature)] // parked entries yield to any ready newcomer
    public void Admit_WhenPoolIsFull_ShedsEarlyOnlyWhatCouldNotWinASlot(ulong held, bool parked, ulong offered, AdmitOutcome expected)
    {
        var f = Fixture(new MempoolOptions { MaxTxs = 2, MaxParked = 2 });
        ulong nonce = parked ? 1UL : 0UL;
        Assert.True(f.Admit(Tx("alice", nonce, held)).IsAccepted);
        Assert.True(f.Admit(Tx("bob", nonce, held)).IsAccepted);

        var result = f.Pool.Admit(Tx("carol", 0, offered).WithBrokenSignature());

        Assert.Equal(expected, result.Outcome);
        Assert.Equal(2, f.Pool.Count);
        if (expected == AdmitOutcome.PoolFull) Assert.Contains("raise gas_price above 5", result.Reason);
    }

    [Theory]
    // chain min_gas_price, node Mempool:MinGasPrice, offered gas_price → outcome, part of the reason
    [InlineData(0UL, 0UL, 0UL, AdmitOutcome.Accepted, "")]
    [InlineData(0UL, 10UL, 9UL, AdmitOutcome.FeeTooLow, "this node's admission minimum 10 (Mempool:MinGasPrice)")]
    [InlineData(0UL, 10UL, 10UL, AdmitOutcome.Accepted, "")]
    [InlineData(20UL, 10UL, 15UL, AdmitOutcome.FeeTooLow, "below the minimum 20")]
    [InlineData(5UL, 10UL, 7UL, AdmitOutcome.FeeTooLow, "this node's admission minimum 10")]
    public void Admit_BelowTheNodesMinGasPrice_IsFeeTooLow(ulong chainMin, ulong nodeMin, ulong offered, AdmitOutcome expected, string reason)
    {
        var f = new PoolFixture(new MempoolOptions { MinGasPrice = nodeMin }, new ChainParams { MinGasPrice = chainMin }, Names);
        f.Chain.Fund(TestTx.Key("alice"), 1_000_000_000);
        var result = f.Admit(Tx("alice", 0, offered));
        Assert.Equal(expected, result.Outcome);
        Assert.Contains(reason, result.Reason);
    }

    [Fact]
    public void Options_Defaults_GiveParkedATenthOfThePool()
    {
        var options = new MempoolOptions();
        Assert.Equal(10_000, options.EffectiveMaxParked);
        Assert.Equal(16, options.MaxParkedPerAccount);
        Assert.Equal(20, options.ParkedMaxAgeHeights);
        Assert.Equal(0UL, options.MinGasPrice);
        Assert.Equal(1, new MempoolOptions { MaxTxs = 5 }.EffectiveMaxParked);
        Assert.Equal(7, new MempoolOptions { MaxParked = 7 }.EffectiveMaxParked);
    }

    [Fact]
    public void Options_NegativeParkedBudgetsOrZeroAge_AreRefusedByName()
    {
        var result = new MempoolOptionsValidator().Validate(null, new MempoolOptions { MaxParked = -1, MaxParkedPerAccount = -1, ParkedMaxAgeHeights = 0 });
        Assert.True(result.Failed);
        Assert.Contains("Mempool:MaxParked ", result.FailureMessage);
        Assert.Contains("Mempool:MaxParkedPerAccount", result.FailureMessage);
        Assert.Contains("Mempool:ParkedMaxAgeHeights", result.FailureMessage);
    }
}
