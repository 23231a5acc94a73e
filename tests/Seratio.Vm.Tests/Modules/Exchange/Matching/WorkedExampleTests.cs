using System.Numerics;
using Seratio.Protocol;
using Seratio.Vm.Modules.Exchange.Matching;

namespace Seratio.Vm.Tests.Modules.Exchange.Matching;

/// <summary>
/// The worked example of docs/modules/exchange.md ("The clearing price, worked"). Lot 1, minimum order value 1, last price 100.
/// <code>
/// Resting asks:  #1 alice sell 101 × 5 (height 7)      #2 bob  sell 103 × 5 (height 8)
/// Resting bids:  #3 carol buy   99 × 10 (height 7)
/// This block:    #4 dave  buy  103 × 6  GTC            #5 erin  buy  102 × 4  GTC
///                #6 frank sell 100 × 3  IOC            #7 gina  buy  101 × 2  IOC
///                #8 hank  sell 102 × 1  post-only
///
/// Read: asks while ≤ 103 (the highest new buy): #1, #2. Bids while ≥ 100 (the lowest new sell): none (99 is looked at).
/// Candidates 100..103 (the participants' limits):
///   price   D (buys ≥ p)   S (sells ≤ p)   V = min   |D − S|
///    100        12              3            3         9
///    101        12              8            8         4
///    102        10              8            8         2    ← max V; the least imbalance breaks the tie with 101
///    103         6             13            6         7
/// p* = 102, V = 8. S ≤ D: the sells reaching 102 fill wholly (#6 × 3, #1 × 5). The buys share 8 by price: #4 (103)
/// wholly × 6, then #5 (102) gets the 2 left (alone in its height group). #7 (101) is below p*.
/// Trades (buys by price desc, sells by price asc): #4–#6 × 3, #4–#1 × 3, #5–#1 × 2, all at 102.
/// After: #5 rests with 2 at 102; #7's remainder is cancelled IOC_REMAINDER; #8 (post-only) would take the new best
/// bid 102 → POST_ONLY_WOULD_TAKE. Book: bids 102 × 2 (#5), 99 × 10 (#3); asks 103 × 5 (#2).
/// </code>
/// </summary>
public class WorkedExampleTests
{
    [Fact]
    public void WorkedExample_ClearsAsDocumented()
    {
        var b = new AuctionBuilder { LastPrice = 100 };
        var alice = b.Ask(101, 5, owner: "alice", height: 7);
        var bob = b.Ask(103, 5, owner: "bob", height: 8);
        var carol = b.Bid(99, 10, owner: "carol", height: 7);
        var dave = b.Buy(103, 6, owner: "dave");
        var erin = b.Buy(102, 4, owner: "erin");
        var frank = b.Sell(100, 3, owner: "frank", tif: TimeInForce.Ioc);
        var gina = b.Buy(101, 2, owner: "gina", tif: TimeInForce.Ioc);
        var hank = b.Sell(102, 1, owner: "hank", tif: TimeInForce.PostOnly);

        var result = b.Clear();

        Assert.Equal(new BigInteger(102), result.ClearingPrice);
        Assert.Equal(2, result.RestingRead);
        Assert.Equal(
            new[] { (alice.Id, 5), (dave.Id, 6), (erin.Id, 2), (frank.Id, 3) },
            result.Fills.Select(f => (f.OrderId, (int)f.Quantity)));
        Assert.Equal(
            new[] { (dave.Id, frank.Id, 3), (dave.Id, alice.Id, 3), (erin.Id, alice.Id, 2) },
            result.Trades.Select(t => (t.BuyOrderId, t.SellOrderId, (int)t.Quantity)));
        Assert.Equal(
            new[] { (gina.Id, CancelReason.IocRemainder), (hank.Id, CancelReason.PostOnlyWouldTake) },
            result.Cancels.Select(c => (c.OrderId, c.Reason)));
        var rest = Assert.Single(result.ToRest);
        Assert.Equal((erin.Id, new BigInteger(2)), (rest.Id, rest.Remaining));
        Assert.Equal(0, result.FillOf(bob));
        Assert.Equal(0, result.FillOf(carol));
    }
}
