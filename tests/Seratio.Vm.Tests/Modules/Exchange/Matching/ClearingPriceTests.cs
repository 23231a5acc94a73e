using System.Numerics;

namespace Seratio.Vm.Tests.Modules.Exchange.Matching;

/// <summary>The clearing price's rule and each of its tie-breaks, on books computed by hand.</summary>
public class ClearingPriceTests
{
    /// <summary>
    /// Buys 104×6, 103×1; sells 101×5, 103×5. D: 101→7, 103→7, 104→6. S: 101→5, 103→10, 104→10. V: 5, 7, 6.
    /// Max volume 7 at 103, although 101 has the least imbalance (2) and is the last price.
    /// </summary>
    [Fact]
    public void ClearingPrice_MaximisesVolume_BeforeAnyTieBreak()
    {
        var b = new AuctionBuilder { LastPrice = 101 };
        var buy104 = b.Buy(104, 6);
        var buy103 = b.Buy(103, 1);
        var sell101 = b.Sell(101, 5);
        var sell103 = b.Sell(103, 5);

        var result = b.Clear();

        Assert.Equal(new BigInteger(103), result.ClearingPrice);
        // D = 7 ≤ S = 10: the buys are the short side and fill wholly; sells by price priority: 101×5, then 103×2.
        Assert.Equal(6, result.FillOf(buy104));
        Assert.Equal(1, result.FillOf(buy103));
        Assert.Equal(5, result.FillOf(sell101));
        Assert.Equal(2, result.FillOf(sell103));
    }

    // Buys 105×5, 102×3; sells 100×5, 104×6. D: 100→8, 102→8, 104→5, 105→5. S: 100→5, 102→5, 104→11, 105→11.
    // V = 5 everywhere; |D − S|: 3, 3, 6, 6. So 100 and 102 tie on imbalance; the last price chooses, else the lowest.
    [Theory]
    [InlineData(104, 102)]  // least imbalance beats the nearest last price (104 itself)
    [InlineData(110, 102)]  // nearest to the last price among 100 and 102
    [InlineData(100, 100)]
    [InlineData(101, 100)]  // equally near: the lowest
    [InlineData(null, 100)] // no last price: the lowest
    public void ClearingPrice_TiesOnVolume_BreakByImbalance_ThenLastPrice_ThenLowest(int? last, int expected)
    {
        var b = new AuctionBuilder { LastPrice = last };
        var buy105 = b.Buy(105, 5);
        var buy102 = b.Buy(102, 3);
        var sell100 = b.Sell(100, 5);
        b.Sell(104, 6);

        var result = b.Clear();

        Assert.Equal(new BigInteger(expected), result.ClearingPrice);
        // S = 5 ≤ D = 8 at either price: the sell at 100 fills wholly, the buy at 105 takes it all by price priority.
        Assert.Equal(5, result.FillOf(sell100));
        Assert.Equal(5, result.FillOf(buy105));
        Assert.Equal(0, result.FillOf(buy102));
        Assert.Equal(3, result.RestOf(buy102)!.Remaining);
    }

    /// <summary>Amounts far beyond 64 bits (18-decimal tokens) clear exactly: no overflow, no rounding.</summary>
    [Fact]
    public void HugeAmounts_ClearExactly()
    {
        var e18 = BigInteger.Pow(10, 18);
        var price = BigInteger.Pow(10, 30) + 7;
        var lot = e18;
        var buy = new Vm.Modules.Exchange.Matching.AuctionOrder(1, AuctionBuilder.Owner("a"), Protocol.OrderSide.Buy, price, 3 * lot,
            Protocol.TimeInForce.Gtc, false, AuctionBuilder.BatchHeight, AuctionBuilder.PriorityOf(1));
        var sell = new Vm.Modules.Exchange.Matching.AuctionOrder(2, AuctionBuilder.Owner("b"), Protocol.OrderSide.Sell, price - 1, 2 * lot,
            Protocol.TimeInForce.Gtc, false, AuctionBuilder.BatchHeight, AuctionBuilder.PriorityOf(2));
        var input = new Vm.Modules.Exchange.Matching.AuctionInput([buy, sell], [], [], lot, price * lot, null, 10);

        var result = Vm.Modules.Exchange.Matching.BatchAuction.Clear(input);

        Assert.Equal(price - 1, result.ClearingPrice); // V = 2 lots at both; |D − S| = lot at both; the lowest
        Assert.Equal(2 * lot, result.FillOf(buy));
        Assert.Equal(lot, Assert.Single(result.ToRest).Remaining); // lot × price = the minimum value: not dust
    }

    [Fact]
    public void NoCrossingOrders_ClearNothing_AndRest()
    {
        var b = new AuctionBuilder();
        var buy = b.Buy(99, 5);
        var sell = b.Sell(100, 5);
        b.Ask(101, 3);
        b.Bid(98, 3);

        var result = b.Clear();

        Assert.Null(result.ClearingPrice);
        Assert.Empty(result.Fills);
        Assert.Empty(result.Trades);
        Assert.Equal(new[] { buy.Id, sell.Id }, result.ToRest.Select(o => o.Id).Order());
    }

    /// <summary>A level that FOK removal emptied is no candidate: 102 has no order left, so 100 or 104 must be chosen.</summary>
    [Fact]
    public void PriceLevelsEmptiedByFokRemoval_AreNoCandidates()
    {
        // Round 1: buys 104×4, FOK 102×9; sells 100×4. D(100)=13, S=4 → V=4 at 100, 102, 104 (imbalance 9, 9, 0) → 104.
        // The FOK (102) is not filled → removed. Round 2: candidates 100 and 104: V=4, imbalance 0 at both;
        // the last price 102 is equally near → the lowest, 100. (With 102 still a candidate, it would win as the last price.)
        var b = new AuctionBuilder { LastPrice = 102 };
        var buy = b.Buy(104, 4);
        var fok = b.Buy(102, 9, tif: Protocol.TimeInForce.Fok);
        var sell = b.Sell(100, 4);

        var result = b.Clear();

        Assert.Equal(new BigInteger(100), result.ClearingPrice);
        Assert.Equal(Protocol.CancelReason.FokUnfilled, result.CancelOf(fok));
        Assert.Equal(4, result.FillOf(buy));
        Assert.Equal(4, result.FillOf(sell));
        Assert.Equal(2, result.Rounds);
    }
}
