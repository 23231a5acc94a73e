using Seratio.Core.Numerics;
using Seratio.Protocol;
using Seratio.Vm.Modules.Exchange;
using Ms = Seratio.Vm.Modules.Microshares.Microshares;
using Seratio.Vm.Tests.Support;
using static Seratio.Vm.Tests.Support.ExMsgs;
using static Seratio.Vm.Tests.Support.ValueMsgs;
using Ex = Seratio.Vm.Modules.Exchange.Exchange;

namespace Seratio.Vm.Tests.Modules.Exchange;

/// <summary>The end-of-block batch through the block executor, one order type or rule at a time, with hand-computed figures.</summary>
public class BatchTests
{
    private const ulong H = 10;

    /// <summary><see cref="ExMsgs.Ready"/> plus market 1 GREEN/SER: tick 1, lot 10, min value 10, maker 5 bps, taker 10 bps.</summary>
    private static MemoryState GreenMarket(string minValue = "10")
    {
        var state = Ready();
        Ok(Run(state, Authority, CreateMarket("GREEN", "SER", "1", "10", minValue, 5, 10)));
        return state;
    }

    private static (OrderStatus, CancelReason, string Filled) Fate(MemoryState state, ulong id)
    {
        var order = Order(state, id);
        return (order.Status, order.CancelReason, order.Filled);
    }

    [Fact]
    public void Gtc_CrossingARestingOrder_TradesAtOnePrice_PaysFeesToTheTreasury_AndEmptiesEscrow()
    {
        var state = GreenMarket();
        Block(state, H, ("alice", [Sell(1, "10", "100")]));
        var (aliceSer, bobSer, bobGreen) = (Ser(state, "alice"), Ser(state, "bob"), Green(state, "bob"));
        var outcome = Block(state, H + 1, ("bob", [Buy(1, "12", "100")]));
        var fee = Amount.Parse(outcome.Receipts[0].Fee);

        // Prices 10 and 12 both clear 100; no imbalance, no last price: the lower, 10. Value 1000.
        Assert.Equal((OrderStatus.Filled, CancelReason.Unspecified, "100"), Fate(state, 1));
        Assert.Equal((OrderStatus.Filled, CancelReason.Unspecified, "100"), Fate(state, 2));
        var trade = Ex.GetTrade(state, 1, 1)!;
        Assert.Equal(("10", "100", 2UL, 1UL, "1", "1", false, true),
            (trade.Price, trade.Quantity, trade.BuyOrderId, trade.SellOrderId, trade.BuyerFee, trade.SellerFee, trade.BuyerMaker, trade.SellerMaker));
        // Buyer: taker, ceil(1000 × 10 / 10000) = 1; seller: maker, ceil(1000 × 5 / 10000) = 1.
        Assert.Equal(aliceSer + 999, Ser(state, "alice"));
        Assert.Equal(bobSer - fee - 1001, Ser(state, "bob"));
        Assert.Equal(bobGreen + 100, Green(state, "bob"));
        Assert.Equal((Amount)2, state.Account(Ex.TreasuryAddress).Balance);
        Assert.Equal(Amount.Zero, state.Account(Ex.EscrowAddress).Balance);
        Assert.Equal(Amount.Zero, GreenOf(state, Ex.EscrowAddress));
        var market = Market(state, 1);
        Assert.Equal(("10", 1UL, 0UL, "100", "1000", H + 1), (market.LastPrice, market.TradeCount, market.OpenOrders, market.VolumeBase, market.VolumeQuote, market.LastTradeHeight));
        var events = Ex.BatchEvents(state, H + 1);
        Assert.Equal([ExchangeEvents.TradeType, ExchangeEvents.OrderType, ExchangeEvents.OrderType], events.Select(e => e.Type));
        Assert.Equal("10", Attributes(events[0])["price"]);
        Assert.Empty(Ex.Levels(state, 1, OrderSide.Sell, 10));
    }

    [Fact]
    public void TheSmallestTrade_StillPaysAFeeOfOneOnEachSide()
    {
        var state = Ready();
        // tick 1 × lot 2 leaves a seller 2 − ceil(2 × 10 / 10000) = 1: the smallest market the rules allow.
        Ok(Run(state, Authority, CreateMarket("GREEN", "SER", "1", "2", "1", 0, 10)));
        var aliceSer = Ser(state, "alice");
        Block(state, H, ("alice", [Sell(1, "1", "2")]), ("bob", [Buy(1, "1", "2")]));
        var trade = Ex.GetTrade(state, 1, 1)!;
        Assert.Equal(("1", "2", "1", "1"), (trade.Price, trade.Quantity, trade.BuyerFee, trade.SellerFee));
        Assert.Equal((Amount)2, state.Account(Ex.TreasuryAddress).Balance);
        Assert.True(Ser(state, "alice") > aliceSer - 100_000); // fee of the tx aside, the seller received 1
        Assert.Equal(Amount.Zero, state.Account(Ex.EscrowAddress).Balance);
    }

    [Fact]
    public void Ioc_FillsWhatItCan_AndCancelsTheRest_ReturningItsLock()
    {
        var state = GreenMarket();
        Block(state, H, ("alice", [Sell(1, "10", "100")]));
        var bobSer = Ser(state, "bob");
        var outcome = Block(state, H + 1, ("bob", [Buy(1, "10", "200", TimeInForce.Ioc)]));
        Assert.Equal((OrderStatus.Cancelled, CancelReason.IocRemainder, "100"), Fate(state, 2));
        Assert.Equal("0", Order(state, 2).Locked);
        Assert.Equal(bobSer - Amount.Parse(outcome.Receipts[0].Fee) - 1001, Ser(state, "bob"));
        Assert.Equal(Amount.Zero, state.Account(Ex.EscrowAddress).Balance);
    }

    [Fact]
    public void MarketOrder_IsAnIocAtTheWorstPrice_AndPaysTheClearingPrice()
    {
        var state = GreenMarket();
        Block(state, H, ("alice", [Sell(1, "10", "50")]), ("carol", [Sell(1, "11", "50")]));
        Block(state, H + 1, ("bob", [Buy(1, "1000", "100", TimeInForce.Ioc)]));
        Assert.Equal((OrderStatus.Filled, CancelReason.Unspecified, "100"), Fate(state, 3));
        Assert.Equal("11", Ex.GetTrade(state, 1, 1)!.Price);
        Assert.Equal(OrderStatus.Filled, Order(state, 1).Status);
        Assert.Equal(OrderStatus.Filled, Order(state, 2).Status);
    }

    [Fact]
    public void Fok_ThatCannotFillWholly_IsCancelled_AndTouchesNothing()
    {
        var state = GreenMarket();
        Block(state, H, ("alice", [Sell(1, "10", "100")]));
        Block(state, H + 1, ("bob", [Buy(1, "10", "200", TimeInForce.Fok)]));
        Assert.Equal((OrderStatus.Cancelled, CancelReason.FokUnfilled, "0"), Fate(state, 2));
        Assert.Equal((OrderStatus.Open, CancelReason.Unspecified, "0"), Fate(state, 1));
        Assert.Null(Ex.GetTrade(state, 1, 1));
        Block(state, H + 2, ("bob", [Buy(1, "10", "100", TimeInForce.Fok)]));
        Assert.Equal((OrderStatus.Filled, CancelReason.Unspecified, "100"), Fate(state, 3));
    }

    [Fact]
    public void PostOnly_RestsWhenItDoesNotCross_AndIsCancelledWhenItWouldTake()
    {
        var state = GreenMarket();
        Block(state, H, ("alice", [Sell(1, "10", "100")]));
        Block(state, H + 1, ("bob", [Buy(1, "10", "100", TimeInForce.PostOnly)]), ("carol", [Buy(1, "9", "100", TimeInForce.PostOnly)]));
        Assert.Equal((OrderStatus.Cancelled, CancelReason.PostOnlyWouldTake, "0"), Fate(state, 2));
        Assert.Equal((OrderStatus.Open, CancelReason.Unspecified, "0"), Fate(state, 3));
        Assert.Equal((OrderStatus.Open, CancelReason.Unspecified, "0"), Fate(state, 1));
    }

    [Fact]
    public void Gth_RestsThroughItsHeight_AndExpiresAtTheNextBatch_WithItsLockReturned()
    {
        var state = GreenMarket();
        var aliceGreen = Green(state, "alice");
        Block(state, H, ("alice", [Sell(1, "10", "100", TimeInForce.Gth, H + 1)]));
        Block(state, H + 1);
        Assert.Equal(OrderStatus.Open, Order(state, 1).Status);
        Block(state, H + 2, ("bob", [Buy(1, "10", "100")]));
        Assert.Equal((OrderStatus.Expired, CancelReason.Unspecified, "0"), Fate(state, 1));
        Assert.Equal(H + 2, Order(state, 1).ClosedHeight);
        Assert.Equal(aliceGreen, Green(state, "alice"));
        Assert.Equal((OrderStatus.Open, CancelReason.Unspecified, "0"), Fate(state, 2)); // nothing left to trade with
        Assert.Null(state.Get(ExchangeKeys.Expiry(H + 1)));
    }

    [Fact]
    public void SelfTrade_CancelsTheOlderRestingOrder_AndNeverFills()
    {
        var state = GreenMarket();
        Block(state, H, ("alice", [Sell(1, "10", "100")]));
        Block(state, H + 1, ("alice", [Buy(1, "10", "100")]));
        Assert.Equal((OrderStatus.Cancelled, CancelReason.SelfTrade, "0"), Fate(state, 1));
        Assert.Equal((OrderStatus.Open, CancelReason.Unspecified, "0"), Fate(state, 2));
        Assert.Null(Ex.GetTrade(state, 1, 1));
    }

    [Fact]
    public void ARestingRemainderBelowTheMinimumValue_IsCancelledAsDust()
    {
        var state = GreenMarket(minValue: "500");
        var aliceGreen = Green(state, "alice");
        Block(state, H, ("alice", [Sell(1, "10", "100")]));
        Block(state, H + 1, ("bob", [Buy(1, "10", "60")]));
        // 40 left × 10 = 400 < 500.
        Assert.Equal((OrderStatus.Cancelled, CancelReason.Dust, "60"), Fate(state, 1));
        Assert.Equal(aliceGreen - 60, Green(state, "alice"));
        Assert.Equal(Amount.Zero, GreenOf(state, Ex.EscrowAddress));
        Assert.Empty(Ex.Levels(state, 1, OrderSide.Sell, 10));
    }

    [Fact]
    public void AMarketHaltedInTheBlockOfAPlacement_CancelsItsPendingOrders()
    {
        var state = GreenMarket();
        var aliceSer = Ser(state, "alice");
        var outcome = Block(state, H, ("alice", [Buy(1, "10", "100")]), (Authority, [Halt(1)]));
        Assert.All(outcome.Receipts, r => Assert.Equal(ResultCode.Ok, r.Code));
        Assert.Equal((OrderStatus.Cancelled, CancelReason.MarketHalted, "0"), Fate(state, 1));
        Assert.Equal(aliceSer - Amount.Parse(outcome.Receipts[0].Fee), Ser(state, "alice"));
    }

    [Fact]
    public void AltcoinQuotedMarket_MovesSerAgainstGreen()
    {
        var state = Ready();
        Ok(Run(state, Authority, CreateMarket("SER", "GREEN", "1", "10", "10", 0, 10)));
        var (aliceSer, aliceGreen, bobGreen) = (Ser(state, "alice"), Green(state, "alice"), Green(state, "bob"));
        var outcome = Block(state, H, ("alice", [Sell(1, "3", "1000")]), ("bob", [Buy(1, "3", "1000")]));
        // Value 3000 GREEN; both takers: fees ceil(3000 × 10 / 10000) = 3 each.
        Assert.Equal(aliceSer - Amount.Parse(outcome.Receipts[0].Fee) - 1000, Ser(state, "alice"));
        Assert.Equal(aliceGreen + 2997, Green(state, "alice"));
        Assert.Equal(bobGreen - 3003, Green(state, "bob"));
        Assert.Equal((Amount)6, GreenOf(state, Ex.TreasuryAddress));
    }

    [Fact]
    public void MicroshareMarket_HandsTheBuyerTheSameLotIds_WithFlagsUnchanged()
    {
        var state = Ready();
        Ok(Run(state, Authority, CreateMarket("ms:1", "SER", "1", "10", "10", 0, 10)));
        var lotBefore = Ms.GetLot(state, 1)!.Clone();
        Block(state, H, ("alice", [Sell(1, "2", "100")]));
        Assert.Equal("1:1900", MicroMsgs.HoldingOf(state, "alice"));
        Block(state, H + 1, ("bob", [Buy(1, "2", "100")]));
        Assert.Equal("1:100,2:2000", MicroMsgs.HoldingOf(state, "bob"));
        Assert.Equal("1:1900", MicroMsgs.HoldingOf(state, "alice"));
        Assert.Equal(lotBefore, Ms.GetLot(state, 1));
        var trade = Ex.GetTrade(state, 1, 1)!;
        Assert.Equal((1UL, "100", 1UL), (Assert.Single(trade.Lots).LotId, trade.Lots[0].Units, trade.Lots[0].CertificateId));
        var holding = Ms.GetHolding(state, Addr("bob"), 1);
        Assert.Equal(1UL, holding.Lots[0].CertificateId);
        Assert.Null(state.Get(ExchangeKeys.CertificateOrders(1)));
        Assert.Null(state.Get(ExchangeKeys.ActiveCertificates()));
    }

    [Fact]
    public void ARestingSellHoldingALotWhoseCertificateIsRevoked_IsCancelledFrozenLotAtTheNextBatch()
    {
        var state = Ready();
        Ok(Run(state, Authority, CreateMarket("ms:1", "SER", "1", "10", "10", 0, 10)));
        Ok(Run(state, "carol", MicroMsgs.MintMs(1, 2, "SER", "100")));
        Block(state, H, ("carol", [Sell(1, "2", "100", TimeInForce.Gtc, 0, 3)]));
        Assert.Equal("3:100", MicroMsgs.HoldingOf(state, "carol"));
        Block(state, H + 1, ("issuer", [CertMsgs.RevokeCert(2)]), ("bob", [Buy(1, "2", "100")]));
        var order = Order(state, 1);
        Assert.Equal((OrderStatus.Cancelled, CancelReason.FrozenLot, "0"), (order.Status, order.CancelReason, order.Filled));
        Assert.Contains("lot 3 is frozen: certificate 2 revoked", order.CancelDetail);
        Assert.Equal("3:200", MicroMsgs.HoldingOf(state, "carol"));
        Assert.Null(Ex.GetTrade(state, 1, 1));
        Assert.Equal(OrderStatus.Open, Order(state, 2).Status);
    }

    [Fact]
    public void ABusyBlock_GivesTheSameChangesByteForByte_OnEveryExecution()
    {
        var state = GreenMarket();
        Ok(Run(state, Authority, CreateMarket("ms:1", "SER", "1", "10", "10", 0, 10)));
        Block(state, H, ("alice", [Sell(1, "10", "100"), Sell(2, "3", "200")]), ("carol", [Buy(1, "9", "50", TimeInForce.Gth, H + 2)]));
        var txs = new[]
        {
            TxBuilder.From("bob").Nonce(state.Account("bob").Nonce).FakeSignature().Message(Buy(1, "11", "70")).Message(Buy(2, "3", "120", TimeInForce.Ioc)).Build(),
            TxBuilder.From("dave").Nonce(state.Account("dave").Nonce).FakeSignature().Message(Buy(1, "10", "60", TimeInForce.Fok)).Build(),
            TxBuilder.From("carol").Nonce(state.Account("carol").Nonce).FakeSignature().Message(Sell(1, "9", "40", TimeInForce.PostOnly)).Build(),
        };
        var first = new Seratio.Vm.Execution.BlockExecutor().Execute(state, Blocks.Context(H + 1), txs);
        var second = new Seratio.Vm.Execution.BlockExecutor().Execute(state.Clone(), Blocks.Context(H + 1), txs);
        Assert.NotEmpty(first.Changes);
        Assert.Equal(first.Changes.Select(c => (c.Key, Convert.ToHexString(c.Value ?? []))), second.Changes.Select(c => (c.Key, Convert.ToHexString(c.Value ?? []))));
        state.Apply(first.Changes);
        Assert.NotNull(Ex.GetTrade(state, 1, 1));
        Assert.NotNull(Ex.GetTrade(state, 2, 1));
    }

    [Fact]
    public void TheMatchWorkBudget_IsSharedByTheBlocksMarkets_InAscendingId()
    {
        var state = GreenMarket();
        Ok(Run(state, Authority, CreateMarket("SER", "GREEN", "1", "10", "10", 0, 10)));
        var p = Blocks.Params with { Exchange = new Seratio.Core.Chain.ExchangeParams { MaxMatchWork = 2 } };
        // Market 1: two asks; market 2: one ask. All rest first (nothing crosses, nothing is read).
        Block(state, H, p, ("alice", [Sell(1, "10", "50"), Sell(1, "11", "50"), Sell(2, "3", "100")]));
        // Market 1's buy reads both asks and uses the whole budget; market 2's buy may read none, and its remainder
        // crosses the unread ask at 3, so it is cancelled rather than left crossing the book.
        Block(state, H + 1, p, ("bob", [Buy(1, "11", "100")]), ("carol", [Buy(2, "3", "100")]));
        Assert.Equal((OrderStatus.Filled, CancelReason.Unspecified, "100"), Fate(state, 4));
        Assert.Equal((OrderStatus.Cancelled, CancelReason.MatchLimit, "0"), Fate(state, 5));
        Assert.Equal((OrderStatus.Open, CancelReason.Unspecified, "0"), Fate(state, 3));
        Assert.Null(OrderBook.BestPrice(state, 2, OrderSide.Buy));
    }

    [Fact]
    public void TheBook_KeepsManyLevelsSortedAcrossPriceChunks_AndForgetsThemWhenEmptied()
    {
        var state = GreenMarket();
        var p = Blocks.Params with { Exchange = new Seratio.Core.Chain.ExchangeParams { MaxActionsPerBlock = 1000, MaxOpenOrders = 1000 } };
        // 150 distinct prices in a scrambled order: the directory splits chunks of 64 as it grows.
        var prices = Enumerable.Range(1, 150).Select(i => (i * 37 % 150) + 1).ToArray();
        Block(state, H, p, [.. prices.Select(price => ("alice", new[] { Buy(1, price.ToString(System.Globalization.CultureInfo.InvariantCulture), "10") }))]);
        var levels = Ex.Levels(state, 1, OrderSide.Buy, 1000);
        Assert.Equal(Enumerable.Range(1, 150).Reverse().Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), levels.Select(l => l.Price));
        Assert.All(levels, l => Assert.Equal(("10", 1u), (l.Quantity, l.Orders)));
        Assert.Equal(3, Ex.Levels(state, 1, OrderSide.Buy, 3).Count);
        Block(state, H + 1, p, [.. Enumerable.Range(1, 150).Select(id => ("alice", new[] { Cancel((ulong)id) }))]);
        Assert.Empty(Ex.Levels(state, 1, OrderSide.Buy, 10));
        Assert.Null(state.Get(ExchangeKeys.BookSide(1, OrderSide.Buy)));
    }
}
