using System.Numerics;
using Seratio.Protocol;

namespace Seratio.Vm.Tests.Modules.Exchange.Matching;

/// <summary>IOC, FOK (removal repeated until stable), post-only and dust.</summary>
public class TimeInForceTests
{
    [Fact]
    public void Ioc_RemainderIsCancelled_NeverRests()
    {
        var b = new AuctionBuilder();
        var ask = b.Ask(100, 4);
        var ioc = b.Buy(101, 10, tif: TimeInForce.Ioc);

        var result = b.Clear();

        Assert.Equal(4, result.FillOf(ioc));
        Assert.Equal(4, result.FillOf(ask));
        Assert.Equal(CancelReason.IocRemainder, result.CancelOf(ioc));
        Assert.Contains("6 of 10 unfilled", result.Cancels.Single().Detail);
        Assert.Empty(result.ToRest);
    }

    [Fact]
    public void Fok_FilledWholly_Stays()
    {
        var b = new AuctionBuilder();
        b.Ask(100, 4);
        b.Ask(101, 6);
        var fok = b.Buy(101, 10, tif: TimeInForce.Fok);

        var result = b.Clear();

        Assert.Equal(10, result.FillOf(fok));
        Assert.Empty(result.Cancels);
        Assert.Equal(1, result.Rounds);
    }

    /// <summary>
    /// Round 1: buy FOK 101×10; sells FOK 100×4, GTC 101×3. V: 100→4, 101→7 → 101; the buy fills 7 &lt; 10 → removed.
    /// Round 2: no buy is left, so the sell FOK (which filled wholly in round 1) fills nothing → removed. Round 3 is stable:
    /// nothing trades and the GTC sell rests.
    /// </summary>
    [Fact]
    public void Fok_RemovalRepeatsUntilStable()
    {
        var b = new AuctionBuilder();
        var fokBuy = b.Buy(101, 10, tif: TimeInForce.Fok);
        var fokSell = b.Sell(100, 4, tif: TimeInForce.Fok);
        var gtcSell = b.Sell(101, 3);

        var result = b.Clear();

        Assert.Null(result.ClearingPrice);
        Assert.Empty(result.Fills);
        Assert.Empty(result.Trades);
        Assert.Equal(CancelReason.FokUnfilled, result.CancelOf(fokBuy));
        Assert.Equal(CancelReason.FokUnfilled, result.CancelOf(fokSell));
        Assert.Equal(3, result.RestOf(gtcSell)!.Remaining);
        Assert.Equal(3, result.Rounds);
        Assert.Equal(new[] { fokBuy.Id, fokSell.Id }, result.Cancels.Select(c => c.OrderId));
    }

    /// <summary>
    /// The cascade above with a work budget of 1: round 1 cancels the FOK buy; round 2 would cost 2 (two active sells),
    /// more than the budget, so the FOK sell still in play is cancelled MATCH_LIMIT and a last round of the GTC sell alone
    /// settles the batch. With a budget of 2, round 2 is paid for and cancels the FOK sell as unfilled.
    /// </summary>
    [Theory]
    [InlineData(1, CancelReason.MatchLimit, 2, 1)]
    [InlineData(2, CancelReason.FokUnfilled, 3, 3)]
    [InlineData(1_000, CancelReason.FokUnfilled, 3, 3)]
    public void Fok_RoundsAreWork_ThatTheBudgetBounds(int budget, CancelReason sellReason, int rounds, long work)
    {
        var b = new AuctionBuilder { MaxRestingReads = budget };
        var fokBuy = b.Buy(101, 10, tif: TimeInForce.Fok);
        var fokSell = b.Sell(100, 4, tif: TimeInForce.Fok);
        var gtcSell = b.Sell(101, 3);

        var result = b.Clear();

        Assert.Equal(CancelReason.FokUnfilled, result.CancelOf(fokBuy));
        Assert.Equal(sellReason, result.CancelOf(fokSell));
        Assert.NotNull(result.RestOf(gtcSell));
        Assert.Empty(result.Fills);
        Assert.Equal((rounds, work), (result.Rounds, result.Work));
    }

    [Fact]
    public void PostOnly_ThatCrossesNothing_Rests_Unfilled()
    {
        var b = new AuctionBuilder();
        b.Ask(101, 5);
        var postOnly = b.Buy(100, 5, tif: TimeInForce.PostOnly);

        var result = b.Clear();

        Assert.Equal(5, result.RestOf(postOnly)!.Remaining);
        Assert.Empty(result.Fills);
        Assert.Equal(0, result.RestingRead); // no taker: the book is only looked at, not read
    }

    /// <summary>The best ask 104 is never read for matching (no taker buys) but is looked at: a post-only buy at 104 would take.</summary>
    [Fact]
    public void PostOnly_ThatWouldTakeTheBestRestingOrder_IsCancelled()
    {
        var b = new AuctionBuilder();
        b.Ask(104, 5);
        var postOnly = b.Buy(104, 5, tif: TimeInForce.PostOnly);

        var result = b.Clear();

        Assert.Equal(CancelReason.PostOnlyWouldTake, result.CancelOf(postOnly));
        Assert.Contains("best ask 104", result.Cancels.Single().Detail);
        Assert.Empty(result.ToRest);
    }

    /// <summary>
    /// The auction leaves a GTC buy of this block resting at 102; a post-only sell at 102 would then take it. Of two
    /// post-only orders that cross each other, the first in time priority rests and the second is cancelled.
    /// </summary>
    [Fact]
    public void PostOnly_IsCheckedAgainstThePostBatchBook_IncludingPostOnlyOrdersRestedBeforeIt()
    {
        var b = new AuctionBuilder();
        var gtc = b.Buy(102, 5);
        var againstGtc = b.Sell(102, 1, tif: TimeInForce.PostOnly, priority: 10);
        var first = b.Buy(105, 1, tif: TimeInForce.PostOnly, priority: 20); // rests: the ask side is empty
        var second = b.Sell(104, 1, tif: TimeInForce.PostOnly, priority: 30);

        var result = b.Clear();

        Assert.NotNull(result.RestOf(gtc));
        Assert.Equal(CancelReason.PostOnlyWouldTake, result.CancelOf(againstGtc));
        Assert.NotNull(result.RestOf(first));
        Assert.Equal(CancelReason.PostOnlyWouldTake, result.CancelOf(second));
        Assert.Contains("best bid 105", result.Cancels.Single(c => c.OrderId == second.Id).Detail);
    }

    [Fact]
    public void PostOnly_NeverTakesPartInTheAuction()
    {
        var b = new AuctionBuilder();
        var postOnlySell = b.Sell(100, 5, tif: TimeInForce.PostOnly);
        var buy = b.Buy(101, 5);

        var result = b.Clear();

        Assert.Null(result.ClearingPrice);
        Assert.Equal(CancelReason.PostOnlyWouldTake, result.CancelOf(postOnlySell)); // the buy rests at 101 first
        Assert.NotNull(result.RestOf(buy));
    }

    [Fact]
    public void Dust_IncomingRemainderBelowMinimumValue_IsCancelled()
    {
        var b = new AuctionBuilder { MinOrderValue = 1_000 };
        b.Ask(100, 6);
        var buy = b.Buy(100, 15);

        var result = b.Clear();

        Assert.Equal(6, result.FillOf(buy));
        Assert.Equal(CancelReason.Dust, result.CancelOf(buy)); // 9 × 100 = 900 < 1000
        Assert.Contains("worth 900", result.Cancels.Single().Detail);
        Assert.Empty(result.ToRest);
    }

    [Fact]
    public void Dust_PartlyFilledRestingRemainder_IsCancelled_AnUntouchedSmallOneIsNot()
    {
        var b = new AuctionBuilder { MinOrderValue = 1_000 };
        var partly = b.Ask(100, 15);
        var untouched = b.Ask(101, 5); // 505 < 1000, but the batch did not fill it
        var buy = b.Buy(100, 10, tif: TimeInForce.Ioc);

        var result = b.Clear();

        Assert.Equal(10, result.FillOf(partly));
        Assert.Equal(CancelReason.Dust, result.CancelOf(partly)); // 5 × 100 = 500 < 1000
        Assert.Null(result.CancelOf(untouched));
        Assert.Null(result.CancelOf(buy));
        Assert.Equal(10, result.FillOf(buy));
    }

    [Fact]
    public void Dust_RemainderExactlyAtTheMinimum_Rests()
    {
        var b = new AuctionBuilder { MinOrderValue = 1_000 };
        b.Ask(100, 5);
        var buy = b.Buy(100, 15);

        var result = b.Clear();

        Assert.Equal(new BigInteger(10), result.RestOf(buy)!.Remaining); // 10 × 100 = 1000
    }
}
