using System.Numerics;
using Seratio.Protocol;

namespace Seratio.Vm.Tests.Modules.Exchange.Matching;

/// <summary>Self-trade prevention: an owner's crossing resting order is cancelled; two crossing incoming ones both are.</summary>
public class SelfTradeTests
{
    [Fact]
    public void RestingOrderOfTheSameOwner_ThatCrosses_IsCancelled_AndTheNewOrderTradesWithOthers()
    {
        var b = new AuctionBuilder();
        var own = b.Ask(100, 5, owner: "alice");
        var other = b.Ask(101, 5, owner: "bob");
        var buy = b.Buy(101, 5, owner: "alice");

        var result = b.Clear();

        Assert.Equal(CancelReason.SelfTrade, result.CancelOf(own));
        Assert.Contains("older order is cancelled", result.Cancels.Single(c => c.OrderId == own.Id).Detail);
        Assert.Equal(new BigInteger(101), result.ClearingPrice);
        Assert.Equal(5, result.FillOf(buy));
        Assert.Equal(5, result.FillOf(other));
        Assert.Equal(0, result.FillOf(own));
    }

    [Fact]
    public void RestingOrderOfTheSameOwner_ThatDoesNotCross_Stays()
    {
        var b = new AuctionBuilder();
        var other = b.Ask(100, 5, owner: "bob");
        var own = b.Ask(102, 5, owner: "alice");
        var buy = b.Buy(101, 5, owner: "alice");

        var result = b.Clear();

        Assert.Null(result.CancelOf(own));
        Assert.Equal(5, result.FillOf(buy));
        Assert.Equal(5, result.FillOf(other));
    }

    [Fact]
    public void TwoIncomingOrdersOfOneOwner_ThatCross_AreBothCancelled_AndTouchNoRestingOrder()
    {
        var b = new AuctionBuilder();
        var ownAsk = b.Ask(103, 5, owner: "alice"); // would cross the cancelled buy at 104, but that one takes no part
        var buy = b.Buy(104, 5, owner: "alice");
        var sell = b.Sell(100, 5, owner: "alice");
        var bobSell = b.Sell(100, 5, owner: "bob");
        var farBuy = b.Buy(99, 5, owner: "alice");  // crosses nothing of alice's: it stays
        var farSell = b.Sell(110, 5, owner: "alice");

        var result = b.Clear();

        Assert.Equal(CancelReason.SelfTrade, result.CancelOf(buy));
        Assert.Equal(CancelReason.SelfTrade, result.CancelOf(sell));
        Assert.Null(result.CancelOf(ownAsk));
        Assert.Null(result.ClearingPrice);
        Assert.NotNull(result.RestOf(bobSell));
        Assert.NotNull(result.RestOf(farBuy));
        Assert.NotNull(result.RestOf(farSell));
    }

    [Fact]
    public void AResultNeverTradesAnOwnerWithItself()
    {
        var b = new AuctionBuilder();
        b.Bid(101, 3, owner: "alice");
        b.Bid(100, 3, owner: "bob");
        b.Sell(99, 10, owner: "alice");
        b.Sell(100, 2, owner: "carol");

        var result = b.Clear();

        Assert.Equal(CancelReason.SelfTrade, result.CancelOf(b.Bids[0]));
        Assert.NotEmpty(result.Trades);
        Assert.All(result.Trades, t => Assert.NotEqual(BuilderOwner(b, t.BuyOrderId), BuilderOwner(b, t.SellOrderId)));
    }

    private static Core.Addressing.Address BuilderOwner(AuctionBuilder b, ulong id) =>
        b.Input().Incoming.Concat(b.Bids).Concat(b.Asks).Single(o => o.Id == id).Owner;
}
