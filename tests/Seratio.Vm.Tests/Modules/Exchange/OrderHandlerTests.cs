using Seratio.Core.Chain;
using Seratio.Core.Numerics;
using Seratio.Protocol;
using Seratio.Vm.Tests.Support;
using static Seratio.Vm.Tests.Support.ExMsgs;
using static Seratio.Vm.Tests.Support.ValueMsgs;
using Ex = Seratio.Vm.Modules.Exchange.Exchange;

namespace Seratio.Vm.Tests.Modules.Exchange;

public class OrderHandlerTests
{
    private const ulong Height = 10;

    /// <summary>
    /// <see cref="ExMsgs.Ready"/> plus market 1 GREEN/SER (tick 5, lot 10, min value 100, taker 10 bps), market 2 ms:1/SER
    /// (tick 1, lot 10, min 10), market 3 GREEN/SER halted; carol minted lot 3 on certificate 2, which the issuer revoked.
    /// </summary>
    public static MemoryState Markets()
    {
        var state = Ready();
        Ok(Run(state, Authority, CreateMarket("GREEN", "SER", "5", "10", "100", 0, 10)));
        Ok(Run(state, Authority, CreateMarket("ms:1", "SER", "1", "10", "10", 0, 10)));
        Ok(Run(state, Authority, CreateMarket("GREEN", "SER", "5", "10", "100", 0, 10), Halt(3)));
        Ok(Run(state, "carol", MicroMsgs.MintMs(1, 2, "SER", "100")));
        Ok(Run(state, "issuer", CertMsgs.RevokeCert(2)));
        return state;
    }

    public static TheoryData<string, string, Msg, ResultCode> PlaceCases => new()
    {
        { "buy", "alice", Buy(1, "10", "10"), ResultCode.Ok },
        { "sell", "alice", Sell(1, "10", "10"), ResultCode.Ok },
        { "microshare sell, oldest lots", "alice", Sell(2, "1", "10"), ResultCode.Ok },
        { "microshare sell, named lot", "alice", Sell(2, "1", "10", TimeInForce.Gtc, 0, 1), ResultCode.Ok },
        { "good till this height", "alice", Buy(1, "10", "10", TimeInForce.Gth, Height), ResultCode.Ok },
        { "no market id", "alice", Buy(0, "10", "10"), ResultCode.InvalidMsg },
        { "unknown market", "alice", Buy(9, "10", "10"), ResultCode.NotFound },
        { "halted market", "alice", Buy(3, "10", "10"), ResultCode.MarketHalted },
        { "price 0", "alice", Buy(1, "0", "10"), ResultCode.OffTick },
        { "price off tick", "alice", Buy(1, "7", "20"), ResultCode.OffTick },
        { "price not a number", "alice", Buy(1, "1.5", "20"), ResultCode.InvalidMsg },
        { "quantity 0", "alice", Buy(1, "10", "0"), ResultCode.OffLot },
        { "quantity off lot", "alice", Buy(1, "10", "15"), ResultCode.OffLot },
        { "value below minimum", "alice", Buy(1, "5", "10"), ResultCode.BelowMinOrderValue },
        { "no side", "alice", Place(1, OrderSide.Unspecified, "10", "10"), ResultCode.InvalidMsg },
        { "no time in force", "alice", Place(1, OrderSide.Buy, "10", "10", TimeInForce.Unspecified), ResultCode.InvalidMsg },
        { "good till height without height", "alice", Buy(1, "10", "10", TimeInForce.Gth, 0), ResultCode.BadLifetime },
        { "good till a past height", "alice", Buy(1, "10", "10", TimeInForce.Gth, Height - 1), ResultCode.BadLifetime },
        { "good till beyond the lifetime", "alice", Buy(1, "10", "10", TimeInForce.Gth, Height + ExchangeParams.Default.MaxOrderLifetime + 1), ResultCode.BadLifetime },
        { "expire height on GTC", "alice", Buy(1, "10", "10", TimeInForce.Gtc, 20), ResultCode.InvalidMsg },
        { "lot ids on a buy", "alice", Place(1, OrderSide.Buy, "10", "10", TimeInForce.Gtc, 0, 1), ResultCode.InvalidMsg },
        { "lot ids on an altcoin sell", "alice", Sell(1, "10", "10", TimeInForce.Gtc, 0, 1), ResultCode.InvalidMsg },
        { "lot named twice", "alice", Sell(2, "1", "10", TimeInForce.Gtc, 0, 1, 1), ResultCode.InvalidMsg },
        { "sell more base than held", "alice", Sell(1, "10", "2000000"), ResultCode.InsufficientFunds },
        { "buy more than the quote held", "alice", Buy(1, "1000000", "1000000"), ResultCode.InsufficientFunds },
        { "frozen named lot", "carol", Sell(2, "1", "10", TimeInForce.Gtc, 0, 3), ResultCode.Frozen },
        { "only frozen lots", "carol", Sell(2, "1", "10"), ResultCode.Frozen },
        { "someone else's lot", "alice", Sell(2, "1", "10", TimeInForce.Gtc, 0, 2), ResultCode.Unauthorized },
        { "more units than held", "alice", Sell(2, "1", "5000"), ResultCode.InsufficientFunds },
    };

    [Theory]
    [MemberData(nameof(PlaceCases))]
    public void PlaceOrder_FollowsItsRules(string name, string sender, Msg msg, ResultCode expected)
    {
        var state = Markets();
        var serBefore = Ser(state, sender);
        var greenBefore = Green(state, sender);
        var outcome = Block(state, Height, (sender, [msg]));
        var receipt = Assert.Single(outcome.Receipts);
        Assert.True(expected == receipt.Code, $"{name}: {receipt.Code} {receipt.Log}");
        var fee = Amount.Parse(receipt.Fee);
        if (expected != ResultCode.Ok)
        {
            Assert.Null(Ex.GetOrder(state, 1));
            Assert.Equal(serBefore - fee, Ser(state, sender));
            Assert.Equal(greenBefore, Green(state, sender));
            Assert.Contains(": ", receipt.Log);
            return;
        }
        var order = Order(state, 1);
        Assert.Equal(OrderStatus.Open, order.Status); // alone in its batch, it rests
        Assert.Equal(msg.PlaceOrder.Price, order.Price);
        Assert.Equal(1u, Ex.OpenOrders(state, Addr(sender), msg.PlaceOrder.MarketId));
        Assert.Equal([1UL], Ex.OrdersOf(Addr(sender)).Read(state, 0, 10));
        if (msg.PlaceOrder.Side == OrderSide.Buy)
        {
            // 10 × 10 plus one lot's fee headroom ceil(10 × 10 × 10 / 10000) = 1.
            Assert.Equal("101", order.Locked);
            Assert.Equal(serBefore - fee - 101, Ser(state, sender));
        }
        else if (msg.PlaceOrder.MarketId == 1)
        {
            Assert.Equal("10", order.Locked);
            Assert.Equal(greenBefore - 10, Green(state, sender));
            Assert.Equal((Amount)10, GreenOf(state, Ex.EscrowAddress));
        }
        else
        {
            Assert.Equal("1:10", string.Join(",", order.Lots.Select(l => $"{l.LotId}:{l.Units}")));
            Assert.Equal("1:1990", MicroMsgs.HoldingOf(state, sender));
        }
    }

    [Fact]
    public void PlaceOrder_BeyondOpenOrderLimit_IsRefusedUntilOneCloses()
    {
        var state = Markets();
        var p = Blocks.Params with { Exchange = new ExchangeParams { MaxOpenOrders = 2 } };
        Block(state, Height, p, ("alice", [Buy(1, "10", "10")]), ("alice", [Buy(1, "20", "10")]));
        var refused = Assert.Single(Block(state, Height + 1, p, ("alice", [Buy(1, "30", "10")])).Receipts);
        Assert.Equal(ResultCode.TooManyOpenOrders, refused.Code);
        Assert.Contains("2 open orders in market 1", refused.Log);
        var outcome = Block(state, Height + 2, p, ("alice", [Cancel(1)]), ("alice", [Buy(1, "30", "10")]));
        Assert.All(outcome.Receipts, r => Assert.Equal(ResultCode.Ok, r.Code));
        Assert.Equal(2u, Ex.OpenOrders(state, Addr("alice"), 1));
    }

    [Fact]
    public void PlacementsAndCancels_BeyondTheActionLimit_AreRateLimited_AndTheCounterResetsNextBlock()
    {
        var state = Markets();
        var p = Blocks.Params with { Exchange = new ExchangeParams { MaxActionsPerBlock = 2 } };
        Block(state, Height, p, ("alice", [Buy(1, "10", "10")]));
        var outcome = Block(state, Height + 1, p, ("alice", [Buy(1, "20", "10")]), ("alice", [Cancel(1)]), ("alice", [Buy(1, "30", "10")]));
        Assert.Equal([ResultCode.Ok, ResultCode.Ok, ResultCode.RateLimited], outcome.Receipts.Select(r => r.Code));
        Assert.Contains("max_actions_per_block", outcome.Receipts[2].Log);
        var next = Block(state, Height + 2, p, ("alice", [Buy(1, "30", "10")]), ("alice", [Cancel(2)]));
        Assert.All(next.Receipts, r => Assert.Equal(ResultCode.Ok, r.Code));
    }

    [Fact]
    public void Placements_BeyondTheBlockCap_AreBatchFull_AndNoCounterSurvivesTheBlock()
    {
        var state = Markets();
        var p = Blocks.Params with { Exchange = new ExchangeParams { MaxBlockOrders = 2 } };
        var outcome = Block(state, Height, p, ("alice", [Buy(1, "10", "10")]), ("bob", [Buy(1, "10", "10")]), ("carol", [Buy(1, "10", "10")]));
        Assert.Equal([ResultCode.Ok, ResultCode.Ok, ResultCode.BatchFull], outcome.Receipts.Select(r => r.Code));
        Assert.Null(state.Get(Seratio.Vm.Modules.Exchange.ExchangeKeys.Placements()));
        Assert.Null(state.Get(Seratio.Vm.Modules.Exchange.ExchangeKeys.Actors()));
        Assert.Null(state.Get(Seratio.Vm.Modules.Exchange.ExchangeKeys.Actions(Addr("alice"))));
        Assert.Null(state.Get(Seratio.Vm.Modules.Exchange.ExchangeKeys.PendingMarkets()));
        Assert.Null(state.Get(Seratio.Vm.Modules.Exchange.ExchangeKeys.Pending(1)));
        Assert.Equal(ResultCode.Ok, Assert.Single(Block(state, Height + 1, p, ("carol", [Buy(1, "10", "10")])).Receipts).Code);
    }

    public static TheoryData<string, ulong, ResultCode> CancelCases => new()
    {
        { "alice", 1, ResultCode.Ok },
        { "bob", 1, ResultCode.NotOrderOwner },
        { "alice", 0, ResultCode.InvalidMsg },
        { "alice", 99, ResultCode.NotFound },
    };

    [Theory]
    [MemberData(nameof(CancelCases))]
    public void CancelOrder_FollowsItsRules(string sender, ulong order, ResultCode expected)
    {
        var state = Markets();
        Block(state, Height, ("alice", [Buy(1, "10", "10")]));
        var aliceBefore = Ser(state, "alice");
        var receipt = Assert.Single(Block(state, Height + 1, (sender, [Cancel(order)])).Receipts);
        Assert.True(expected == receipt.Code, receipt.Log);
        var stored = Order(state, 1);
        if (expected == ResultCode.Ok)
        {
            Assert.Equal((OrderStatus.Cancelled, CancelReason.ByOwner, "0"), (stored.Status, stored.CancelReason, stored.Locked));
            Assert.Equal(aliceBefore + 101 - Amount.Parse(receipt.Fee), Ser(state, "alice"));
            Assert.Empty(Ex.Levels(state, 1, OrderSide.Buy, 10));
            Assert.Equal(0u, Ex.OpenOrders(state, Addr("alice"), 1));
        }
        else
        {
            Assert.Equal(OrderStatus.Open, stored.Status);
            Assert.Single(Ex.Levels(state, 1, OrderSide.Buy, 10));
        }
    }

    [Fact]
    public void CancelOrder_OfAClosedOrder_IsOrderClosed()
    {
        var state = Markets();
        Block(state, Height, ("alice", [Buy(1, "10", "10")]));
        Block(state, Height + 1, ("alice", [Cancel(1)]));
        var receipt = Assert.Single(Block(state, Height + 2, ("alice", [Cancel(1)])).Receipts);
        Assert.Equal(ResultCode.OrderClosed, receipt.Code);
        Assert.Contains("already cancelled", receipt.Log);
    }

    [Fact]
    public void CancelOrder_OfAPendingOrder_TakesItOutOfTheBatch_AndReturnsEverything()
    {
        var state = Markets();
        Block(state, Height, ("bob", [Sell(1, "10", "10")]));
        var aliceBefore = Ser(state, "alice");
        var outcome = Block(state, Height + 1, ("alice", [Buy(1, "10", "10"), Cancel(2)]));
        var receipt = Assert.Single(outcome.Receipts);
        Assert.Equal(ResultCode.Ok, receipt.Code);
        Assert.Equal(OrderStatus.Cancelled, Order(state, 2).Status);
        Assert.Equal(OrderStatus.Open, Order(state, 1).Status);
        Assert.Equal("0", Order(state, 1).Filled);
        Assert.Equal(aliceBefore - Amount.Parse(receipt.Fee), Ser(state, "alice"));
    }

    [Fact]
    public void CancelOrder_WorksOnAHaltedMarket()
    {
        var state = Markets();
        Block(state, Height, ("alice", [Buy(1, "10", "10")]));
        Ok(Run(state, Authority, Height + 1, Halt(1)));
        Assert.Equal(ResultCode.Ok, Assert.Single(Block(state, Height + 2, ("alice", [Cancel(1)])).Receipts).Code);
        Assert.Equal(OrderStatus.Cancelled, Order(state, 1).Status);
    }
}
