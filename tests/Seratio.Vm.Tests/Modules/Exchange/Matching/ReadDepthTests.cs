using System.Numerics;
using Seratio.Protocol;
using Seratio.Vm.Modules.Exchange.Matching;

namespace Seratio.Vm.Tests.Modules.Exchange.Matching;

/// <summary>The resting book is read only as deep as the rules say, and the work cap ends a batch without crossing the book.</summary>
public class ReadDepthTests
{
    /// <summary>
    /// Asks 100, 101, 102, 150, 151; bids 99, 98, 97. Taker buy at 102, taker sell at 98: asks are read while ≤ 102
    /// (3 read, 150 looked at), bids while ≥ 98 (2 read, 97 looked at). Anything past would throw.
    /// </summary>
    [Fact]
    public void Book_IsReadOnlyWhileItCanCross_PlusOneLookAhead()
    {
        var b = new AuctionBuilder();
        foreach (var price in new[] { 100, 101, 102, 150, 151 }) b.Ask(price, 1);
        foreach (var price in new[] { 99, 98, 97 }) b.Bid(price, 1);
        b.Buy(102, 10, tif: TimeInForce.Ioc);
        b.Sell(98, 10, tif: TimeInForce.Ioc);
        var asks = new GuardedBook(b.Asks, limit: 4);
        var bids = new GuardedBook(b.Bids, limit: 3);

        var result = BatchAuction.Clear(b.Input(bids, asks));

        Assert.Equal(5, result.RestingRead);
        Assert.Equal(4, asks.Pulled);
        Assert.Equal(3, bids.Pulled);
        Assert.Equal(1, asks.Enumerations);
    }

    [Fact]
    public void Book_WithoutTakersOrPostOnly_IsNotEnumeratedAtAll()
    {
        var b = new AuctionBuilder();
        b.Ask(100, 1);
        b.Bid(99, 1);
        var asks = new GuardedBook(b.Asks, limit: 0);
        var bids = new GuardedBook(b.Bids, limit: 0);

        var result = BatchAuction.Clear(b.Input(bids, asks));

        Assert.Equal(0, result.RestingRead);
        Assert.Equal(0, asks.Pulled + bids.Pulled);
    }

    [Fact]
    public void Book_ThatThrowsPastTheBound_FailsTheGuard_SoTheGuardCanFail()
    {
        var b = new AuctionBuilder();
        foreach (var price in new[] { 100, 101, 102 }) b.Ask(price, 1);
        b.Buy(102, 10, tif: TimeInForce.Ioc);

        Assert.Throws<InvalidOperationException>(() => BatchAuction.Clear(b.Input(asks: new GuardedBook(b.Asks, limit: 2))));
    }

    /// <summary>
    /// Cap 2: asks 100 and 101 are read, 102 is looked at and still crosses the buy at 102. V: 100→1, 101→2, 102→2 →
    /// 101 (imbalance 3 at both, the lower). The buy fills 2; its remainder of 3 would rest crossed with the unread 102,
    /// so it is cancelled MATCH_LIMIT. A buy at 99 that crosses nothing unread rests.
    /// </summary>
    [Fact]
    public void MatchLimit_CancelsRemaindersThatCrossTheFirstUnreadOrder()
    {
        var b = new AuctionBuilder { MaxRestingReads = 2 };
        var ask100 = b.Ask(100, 1);
        var ask101 = b.Ask(101, 1);
        var ask102 = b.Ask(102, 1);
        b.Ask(103, 1);
        var buy = b.Buy(102, 5);
        var low = b.Buy(99, 1);
        var asks = new GuardedBook(b.Asks, limit: 3);

        var result = BatchAuction.Clear(b.Input(asks: asks));

        Assert.Equal(2, result.RestingRead);
        Assert.Equal(new BigInteger(101), result.ClearingPrice);
        Assert.Equal(2, result.FillOf(buy));
        Assert.Equal(1, result.FillOf(ask100));
        Assert.Equal(1, result.FillOf(ask101));
        Assert.Equal(0, result.FillOf(ask102));
        Assert.Equal(CancelReason.MatchLimit, result.CancelOf(buy));
        Assert.Contains("ask at 102", result.Cancels.Single().Detail);
        Assert.NotNull(result.RestOf(low));
    }

    [Fact]
    public void MatchLimit_DoesNotApply_WhenTheNextUnreadOrderCannotCross()
    {
        var b = new AuctionBuilder { MaxRestingReads = 2 };
        b.Ask(100, 1);
        b.Ask(101, 1);
        b.Ask(150, 1);
        var buy = b.Buy(102, 5);

        var result = b.Clear();

        Assert.Equal(2, result.FillOf(buy));
        Assert.Equal(new BigInteger(3), result.RestOf(buy)!.Remaining);
    }

    /// <summary>
    /// The cap is shared: sides are read alternately, one order each, so neither side starves the other. Cap 3: bid 99,
    /// ask 100, bid 98 are read; bid 97 and ask 101 are looked at (both still cross). Buys 102×10, 99, 98; sells 97×1,
    /// 100×1. V: 97→1, 98→1, 99→1, 100→2, 102→2 → 100 (imbalance 8 at both, the lower). The buy takes 2; its remainder
    /// crosses the unread ask 101, so it is cancelled MATCH_LIMIT, which takes precedence over IOC_REMAINDER (the
    /// trader learns to resubmit).
    /// </summary>
    [Fact]
    public void MatchLimit_ReadsBothSidesAlternately_AndTakesPrecedenceOverIoc()
    {
        var b = new AuctionBuilder { MaxRestingReads = 3 };
        foreach (var price in new[] { 100, 101, 102 }) b.Ask(price, 1);
        foreach (var price in new[] { 99, 98, 97 }) b.Bid(price, 1);
        var buy = b.Buy(102, 10, tif: TimeInForce.Ioc);
        var sell = b.Sell(97, 1, tif: TimeInForce.Ioc);
        var asks = new GuardedBook(b.Asks, limit: 2);
        var bids = new GuardedBook(b.Bids, limit: 3);

        var result = BatchAuction.Clear(b.Input(bids, asks));

        Assert.Equal(3, result.RestingRead);
        Assert.Equal((3, 2), (bids.Pulled, asks.Pulled));
        Assert.Equal(new BigInteger(100), result.ClearingPrice);
        Assert.Equal(2, result.FillOf(buy));
        Assert.Equal(1, result.FillOf(sell));
        Assert.Equal(CancelReason.MatchLimit, result.CancelOf(buy));
        Assert.Null(result.CancelOf(sell));
    }

    [Fact]
    public void Book_ThatIsNotBestFirst_IsABugOfTheCaller()
    {
        var b = new AuctionBuilder();
        b.Ask(101, 1);
        b.Ask(100, 1);
        b.Buy(102, 2);

        var error = Assert.Throws<InvalidOperationException>(() => b.Clear());
        Assert.Contains("best first", error.Message);
    }
}
