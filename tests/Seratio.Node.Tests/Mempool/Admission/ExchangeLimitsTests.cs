using Seratio.Core.Chain;
using Seratio.Core.Crypto;
using Seratio.Core.Transactions;
using Seratio.Node.Mempool;
using Seratio.Node.Mempool.Admission;
using Seratio.Protocol;

namespace Seratio.Node.Tests.Mempool.Admission;

/// <summary>
/// The exchange's per-account limits at admission (docs/transactions.md, "Admission checks, in order"): one table per
/// rule, at and beyond each limit. The pool's use of them through real exchange state is in the integration tests.
/// </summary>
public class ExchangeLimitsTests
{
    private static readonly ExchangeParams Limits = new() { MaxActionsPerBlock = 5, MaxOpenOrders = 4 };
    private static readonly SigningKey Trader = TestTx.Key("exchange-trader");

    /// <summary>A transaction of placements in the given markets and <paramref name="cancels"/> cancels.</summary>
    private static SignedTx Tx(ulong[] placeIn, int cancels = 0, bool withTransfer = false)
    {
        var body = new TxBody { ChainId = FakeChain.TestChainId, Sender = Trader.Address.ToByteString(), GasLimit = 1_000_000 };
        if (withTransfer) body.Msgs.Add(new Msg { Transfer = new MsgTransfer { To = TestTx.Key("bob").Address.ToByteString(), Denom = "SER", Amount = "1" } });
        foreach (var market in placeIn)
            body.Msgs.Add(new Msg { PlaceOrder = new MsgPlaceOrder { MarketId = market, Side = OrderSide.Buy, Price = "1", Quantity = "1", TimeInForce = TimeInForce.Gtc } });
        for (int i = 0; i < cancels; i++) body.Msgs.Add(new Msg { CancelOrder = new MsgCancelOrder { OrderId = (ulong)i + 1 } });
        Assert.Equal(TxFormatError.None, TxDecoder.TryDecode(TxDecoder.Sign(body, Trader), FakeChain.TestChainId, TxDecoder.MaxTxBytes, out var tx, out var reason));
        return tx ?? throw new InvalidOperationException(reason);
    }

    private static ulong[] Markets(params ulong[] ids) => ids;

    [Fact]
    public void Actions_CountPlacementsPerMarket_AndCancels_IgnoringOtherMessages()
    {
        var actions = ExchangeActions.Of(Tx(Markets(2, 1, 2), cancels: 2, withTransfer: true));
        Assert.Equal(new Dictionary<ulong, int> { [1] = 1, [2] = 2 }, actions.PlacementsByMarket);
        Assert.Equal((3, 2, 5), (actions.Placements, actions.Cancels, actions.Total));
        Assert.Same(ExchangeActions.None, ExchangeActions.Of(Tx([], withTransfer: true)));
    }

    [Theory]
    [InlineData(5, 0, true)]
    [InlineData(3, 2, true)]
    [InlineData(6, 0, false)]
    [InlineData(3, 3, false)]
    [InlineData(0, 6, false)]
    public void Tx_WithMoreActionsThanABlockAllows_IsTooManyActions(int placements, int cancels, bool accepted)
    {
        var tx = Tx([.. Enumerable.Repeat(1UL, placements)], cancels);
        var result = ExchangeLimits.CheckTx(ExchangeActions.Of(tx), Limits, tx.Hash);
        Assert.Equal(accepted, result is null);
        if (result is { } refused)
        {
            Assert.Equal(AdmitOutcome.TooManyActions, refused.Outcome);
            Assert.Contains($"carries {placements + cancels} exchange actions", refused.Reason);
            Assert.Contains("split it into transactions of at most 5", refused.Reason);
            Assert.Equal(tx.Hash, refused.TxHash);
        }
    }

    [Theory]
    [InlineData(new[] { 1, 1 }, 3, true)]   // 2 pending + 3 = 5: at the limit
    [InlineData(new[] { 2, 2 }, 2, false)]  // 4 + 2 = 6
    [InlineData(new[] { 5 }, 1, false)]
    [InlineData(new int[0], 5, true)]
    public void PendingActions_PlusThisTx_BeyondTheBlockLimit_IsRateLimited(int[] pendingCancels, int cancels, bool accepted)
    {
        var pending = pendingCancels.Select(c => ExchangeActions.Of(Tx([], c)));
        var tx = Tx([], cancels);
        var result = ExchangeLimits.CheckSender(Trader.Address, ExchangeActions.Of(tx), pending, new Dictionary<ulong, uint>(), Limits, tx.Hash);
        Assert.Equal(accepted, result is null);
        if (result is { } refused)
        {
            Assert.Equal(AdmitOutcome.RateLimited, refused.Outcome);
            Assert.Contains($"{Trader.Address} has {pendingCancels.Sum()} exchange actions pending", refused.Reason);
            Assert.Contains("wait for the next block and retry", refused.Reason);
        }
    }

    [Theory]
    [InlineData(3u, 0, 1, true)]    // 3 open + 1 = 4: at the limit
    [InlineData(4u, 0, 1, false)]
    [InlineData(2u, 1, 1, true)]
    [InlineData(2u, 2, 1, false)]   // pending placements in the same market count
    [InlineData(0u, 0, 5, false)]   // one transaction alone
    public void OpenOrders_PlusPendingPlacements_PlusThisTx_BeyondTheMarketLimit_IsTooManyOpenOrders(uint open, int pendingInMarket, int placing, bool accepted)
    {
        var limits = Limits with { MaxActionsPerBlock = 100 };
        var pending = new List<ExchangeActions> { ExchangeActions.Of(Tx(Markets(2, 2, 2))) };
        if (pendingInMarket > 0) pending.Add(ExchangeActions.Of(Tx([.. Enumerable.Repeat(1UL, pendingInMarket)])));
        var tx = Tx([.. Enumerable.Repeat(1UL, placing)]);
        var result = ExchangeLimits.CheckSender(Trader.Address, ExchangeActions.Of(tx), pending, new Dictionary<ulong, uint> { [1] = open }, limits, tx.Hash);
        Assert.Equal(accepted, result is null);
        if (result is { } refused)
        {
            Assert.Equal(AdmitOutcome.TooManyOpenOrders, refused.Outcome);
            Assert.Contains($"has {open} open orders in market 1 and {pendingInMarket} pending placements there", refused.Reason);
            Assert.Contains("limit of 4 per market", refused.Reason);
        }
    }

    [Fact]
    public void PendingPlacementsInOtherMarkets_DoNotCount_AgainstThisMarket()
    {
        var limits = Limits with { MaxActionsPerBlock = 100 };
        var pending = new[] { ExchangeActions.Of(Tx(Markets(2, 2, 2, 2))) };
        var tx = Tx(Markets(1, 1, 1, 1));
        Assert.Null(ExchangeLimits.CheckSender(Trader.Address, ExchangeActions.Of(tx), pending, new Dictionary<ulong, uint>(), limits, tx.Hash));
    }

    [Fact]
    public void ATxWithoutExchangeMessages_IsNeverLimited()
    {
        var full = Enumerable.Repeat(ExchangeActions.Of(Tx([], 5)), 10);
        var tx = Tx([], withTransfer: true);
        Assert.Null(ExchangeLimits.CheckSender(Trader.Address, ExchangeActions.Of(tx), full, new Dictionary<ulong, uint> { [1] = 99 }, Limits, tx.Hash));
    }
}
