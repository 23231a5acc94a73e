using System.Numerics;
using Seratio.Protocol;

namespace Seratio.Vm.Tests.Modules.Exchange.Matching;

/// <summary>Allocation at the clearing price: price priority, height groups, pro rata with largest remainders.</summary>
public class AllocationTests
{
    /// <summary>
    /// Sell 100×10 against bids 103×4 (resting), 102×4, 101×6. D: 100→14, 101→14, 102→8, 103→4; S = 10. V: 10, 10, 8, 4;
    /// 100 and 101 tie (imbalance 4) → 100. Sells short: 10 to the buys by price: 103 ×4, 102 ×4, 101 ×2.
    /// </summary>
    [Fact]
    public void LongSide_FillsByPricePriority_EachLevelWhollyWhileItFits()
    {
        var b = new AuctionBuilder();
        var bid103 = b.Bid(103, 4);
        var sell = b.Sell(100, 10);
        var buy102 = b.Buy(102, 4);
        var buy101 = b.Buy(101, 6);

        var result = b.Clear();

        Assert.Equal(new BigInteger(100), result.ClearingPrice);
        Assert.Equal(10, result.FillOf(sell));
        Assert.Equal(4, result.FillOf(bid103));
        Assert.Equal(4, result.FillOf(buy102));
        Assert.Equal(2, result.FillOf(buy101));
        Assert.Equal(4, result.RestOf(buy101)!.Remaining);
    }

    /// <summary>
    /// Level 100 holds bids of height 3 (×4), height 5 (×2, ×2) and this block (×4); a sell of 7 arrives. Height 3 fills
    /// wholly (3 left); height 5 shares 3 lots pro rata: 2×3/4 = 1.5 each → 1 each, remainders equal → the lower
    /// Priority gets the leftover lot; this block's order gets nothing.
    /// </summary>
    [Fact]
    public void MarginalLevel_FillsOlderHeightsFirst_ThenProRataWithinAHeight()
    {
        var b = new AuctionBuilder();
        var old = b.Bid(100, 4, height: 3);
        var midB = b.Bid(100, 2, height: 5, priority: 100); // the book holds a height's orders in Priority order
        var midA = b.Bid(100, 2, height: 5, priority: 900);
        var fresh = b.Buy(100, 4);
        var sell = b.Sell(100, 7);

        var result = b.Clear();

        Assert.Equal(new BigInteger(100), result.ClearingPrice);
        Assert.Equal(7, result.FillOf(sell));
        Assert.Equal(4, result.FillOf(old));
        Assert.Equal(1, result.FillOf(midA));
        Assert.Equal(2, result.FillOf(midB)); // Priority 100 < 900 wins the tie of remainders
        Assert.Equal(0, result.FillOf(fresh));
    }

    /// <summary>
    /// Lot 10. This block's buys at 100: 3, 5 and 2 lots; a sell of 7 lots. Shares: 3×7/10 = 2.1, 5×7/10 = 3.5,
    /// 2×7/10 = 1.4 → floors 2, 3, 1 (6 lots), remainders 1, 5, 4 → the leftover lot goes to the largest remainder (the
    /// 5-lot order), although its Priority is the worst: 20, 40, 10 units.
    /// </summary>
    [Fact]
    public void ProRata_GivesLeftoverLots_ByLargestRemainder_BeforePriority()
    {
        var b = new AuctionBuilder { Lot = 10 };
        var three = b.Buy(100, 3, priority: 1);
        var five = b.Buy(100, 5, priority: 3);
        var two = b.Buy(100, 2, priority: 2);
        var sell = b.Sell(100, 7);

        var result = b.Clear();

        Assert.Equal(70, result.FillOf(sell));
        Assert.Equal(20, result.FillOf(three));
        Assert.Equal(40, result.FillOf(five));
        Assert.Equal(10, result.FillOf(two));
        Assert.All(result.Fills, f => Assert.Equal(BigInteger.Zero, f.Quantity % 10));
    }

    /// <summary>Three equal one-lot buys share one lot: all remainders tie, so the lowest Priority takes it, not the lowest id.</summary>
    [Fact]
    public void ProRata_TiesOfRemainders_GoByPriority()
    {
        var b = new AuctionBuilder();
        var first = b.Buy(100, 1, priority: 50);
        var second = b.Buy(100, 1, priority: 7);
        var third = b.Buy(100, 1, priority: 30);
        b.Sell(100, 1);

        var result = b.Clear();

        Assert.Equal(0, result.FillOf(first));
        Assert.Equal(1, result.FillOf(second));
        Assert.Equal(0, result.FillOf(third));
    }

    /// <summary>Buys short (D = 3 &lt; S = 8): the buys fill wholly and the sells share by price, then time.</summary>
    [Fact]
    public void BuysShort_SellsShareByPriceThenTime()
    {
        var b = new AuctionBuilder();
        var ask99 = b.Ask(99, 2, height: 4);
        var ask100Old = b.Ask(100, 2, height: 2);
        var ask100New = b.Ask(100, 4, height: 4);
        var buy = b.Buy(100, 3, tif: TimeInForce.Ioc);

        var result = b.Clear();

        Assert.Equal(new BigInteger(100), result.ClearingPrice); // V: 99→2, 100→3
        Assert.Equal(3, result.FillOf(buy));
        Assert.Equal(2, result.FillOf(ask99));
        Assert.Equal(1, result.FillOf(ask100Old));
        Assert.Equal(0, result.FillOf(ask100New));
    }

    /// <summary>Trades pair buys (price desc) with sells (price asc) by two pointers.</summary>
    [Fact]
    public void Trades_PairBestBuysWithBestSells()
    {
        var b = new AuctionBuilder();
        var buy103 = b.Buy(103, 3);
        var buy102 = b.Buy(102, 3);
        var sell100 = b.Sell(100, 2);
        var sell101 = b.Sell(101, 4);

        var result = b.Clear();

        // D: 100→6, 101→6, 102→6, 103→3; S: 100→2, 101→6, 102→6, 103→6. V: 2, 6, 6, 3 → 101 and 102 tie (imbalance 0) → 101.
        Assert.Equal(new BigInteger(101), result.ClearingPrice);
        Assert.Equal(
            new[] { (buy103.Id, sell100.Id, 2), (buy103.Id, sell101.Id, 1), (buy102.Id, sell101.Id, 3) },
            result.Trades.Select(t => (t.BuyOrderId, t.SellOrderId, (int)t.Quantity)));
    }
}
