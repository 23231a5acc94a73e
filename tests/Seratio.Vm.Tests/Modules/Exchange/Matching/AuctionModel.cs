using System.Numerics;
using Seratio.Protocol;
using Seratio.Vm.Modules.Exchange.Matching;

namespace Seratio.Vm.Tests.Modules.Exchange.Matching;

/// <summary>
/// The auction's participants computed straight from the rules, by brute force, for <see cref="AuctionChecks"/>:
/// which incoming orders survive self-trade prevention, which resting orders the walk reads (alternately, while they can
/// cross, up to the cap), and demand, supply and volume at any price. Immutable.
/// </summary>
internal sealed class AuctionModel
{
    private readonly List<AuctionOrder> _buys, _sells;

    private AuctionModel(List<AuctionOrder> buys, List<AuctionOrder> sells)
    {
        _buys = buys;
        _sells = sells;
        Prices = buys.Concat(sells).Select(o => o.Price).Distinct().Order().ToList();
    }

    public IReadOnlyList<BigInteger> Prices { get; }

    public BigInteger Demand(BigInteger p) => _buys.Where(o => o.Price >= p).Aggregate(BigInteger.Zero, (s, o) => s + o.Remaining);
    public BigInteger Supply(BigInteger p) => _sells.Where(o => o.Price <= p).Aggregate(BigInteger.Zero, (s, o) => s + o.Remaining);
    public BigInteger Volume(BigInteger p) => BigInteger.Min(Demand(p), Supply(p));

    /// <summary>The incoming non-post-only orders that cross no opposite incoming order of their owner.</summary>
    public static List<AuctionOrder> Survivors(AuctionCase c)
    {
        var takers = c.Incoming.Where(o => o.TimeInForce != TimeInForce.PostOnly).ToList();
        return takers.Where(o => !takers.Any(x => x.Owner == o.Owner && x.Side != o.Side && Cross(o, x))).ToList();
    }

    public sealed record BookReadModel(List<AuctionOrder> Bids, List<AuctionOrder> Asks, bool BidsUsed, bool AsksUsed);

    /// <summary>The resting orders the rules read: bids while ≥ the lowest surviving sell, asks while ≤ the highest surviving buy, alternately, at most the cap.</summary>
    public static BookReadModel Read(AuctionCase c)
    {
        var survivors = Survivors(c);
        var sells = survivors.Where(o => o.Side == OrderSide.Sell).ToList();
        var buys = survivors.Where(o => o.Side == OrderSide.Buy).ToList();
        var bidsOk = c.Bids.TakeWhile(b => sells.Count > 0 && b.Price >= sells.Min(s => s.Price)).ToList();
        var asksOk = c.Asks.TakeWhile(a => buys.Count > 0 && a.Price <= buys.Max(s => s.Price)).ToList();
        var readBids = new List<AuctionOrder>();
        var readAsks = new List<AuctionOrder>();
        for (int i = 0; readBids.Count + readAsks.Count < c.MaxRestingReads && (i < bidsOk.Count || i < asksOk.Count); i++)
        {
            if (i < bidsOk.Count) readBids.Add(bidsOk[i]);
            if (i < asksOk.Count && readBids.Count + readAsks.Count < c.MaxRestingReads) readAsks.Add(asksOk[i]);
        }
        bool postOnlySells = c.Incoming.Any(o => o is { TimeInForce: TimeInForce.PostOnly, Side: OrderSide.Sell });
        bool postOnlyBuys = c.Incoming.Any(o => o is { TimeInForce: TimeInForce.PostOnly, Side: OrderSide.Buy });
        return new BookReadModel(readBids, readAsks, sells.Count > 0 || postOnlySells, buys.Count > 0 || postOnlyBuys);
    }

    /// <summary>The final round's participants: survivors less the FOK orders the result cancelled (unfilled, or for the work cap), and the read resting orders that cross no survivor of their owner.</summary>
    public static AuctionModel Participants(AuctionCase c, AuctionResult r)
    {
        var survivors = Survivors(c);
        var fokCancelled = r.Cancels.Where(x => x.Reason is CancelReason.FokUnfilled or CancelReason.MatchLimit).Select(x => x.OrderId)
            .Where(id => c.Order(id) is { Resting: false, TimeInForce: TimeInForce.Fok }).ToHashSet();
        var read = Read(c);
        var resting = read.Bids.Concat(read.Asks).Where(o => !survivors.Any(s => s.Owner == o.Owner && s.Side != o.Side && Cross(o, s)));
        var all = survivors.Where(o => !fokCancelled.Contains(o.Id)).Concat(resting).ToList();
        return new AuctionModel(all.Where(o => o.Side == OrderSide.Buy).ToList(), all.Where(o => o.Side == OrderSide.Sell).ToList());
    }

    private static bool Cross(AuctionOrder a, AuctionOrder b) =>
        a.Side == OrderSide.Buy ? a.Price >= b.Price : a.Price <= b.Price;
}
