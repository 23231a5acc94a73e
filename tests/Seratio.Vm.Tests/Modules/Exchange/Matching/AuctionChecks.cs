using System.Numerics;
using System.Text;
using Seratio.Protocol;
using Seratio.Vm.Modules.Exchange.Matching;

namespace Seratio.Vm.Tests.Modules.Exchange.Matching;

/// <summary>
/// The auction's properties, each a function from a case and a result (or an engine) to the violations it finds, empty
/// when the property holds. Written from the rules, not from the engine: where a check needs the auction's participants
/// it derives them itself (<see cref="AuctionModel"/>). Stateless; thread safe.
/// </summary>
internal static class AuctionChecks
{
    public delegate IEnumerable<string> Check(AuctionCase c, AuctionResult r);

    /// <summary>Every result check by name, in a fixed order.</summary>
    public static readonly IReadOnlyList<(string Name, Check Check)> All =
    [
        ("volume at p* is maximal", MaximalVolume),
        ("p* follows the tie-breaks", TieBreaks),
        ("the book is neither crossed nor locked", NoCrossedBook),
        ("fills are within both limits", FillsWithinLimits),
        ("fills and trades are positive multiples of the lot", LotMultiples),
        ("buy fills = sell fills = trades", Conservation),
        ("a fill is at most the remaining quantity", FillWithinRemaining),
        ("every order is filled, cancelled, rests or stays", Accounting),
        ("IOC never rests", IocNeverRests),
        ("post-only never fills", PostOnlyNeverFills),
        ("FOK fills wholly or not at all", FokAllOrNothing),
        ("no owner trades with itself", NoSelfTrade),
        ("work stays within the budget plus one round", WorkWithinBudget),
    ];

    public static IEnumerable<string> MaximalVolume(AuctionCase c, AuctionResult r)
    {
        var model = AuctionModel.Participants(c, r);
        var best = model.Prices.Select(p => (Price: p, Volume: model.Volume(p))).DefaultIfEmpty().MaxBy(x => x.Volume);
        if (r.ClearingPrice is not { } price)
        {
            if (best.Volume > 0) yield return $"no clearing price, but {best.Volume} could trade at {best.Price}";
            if (r.Fills.Count > 0) yield return "fills without a clearing price";
            yield break;
        }
        if (!model.Prices.Contains(price)) yield return $"p* = {price} is no participant's limit price";
        var volume = model.Volume(price);
        if (volume < best.Volume) yield return $"V(p* = {price}) = {volume} < V({best.Price}) = {best.Volume}";
        var traded = Sum(r, c, OrderSide.Buy);
        if (traded != volume) yield return $"the buys filled {traded}, but V(p* = {price}) = {volume}";
    }

    public static IEnumerable<string> TieBreaks(AuctionCase c, AuctionResult r)
    {
        if (r.ClearingPrice is not { } price) yield break;
        var model = AuctionModel.Participants(c, r);
        var expected = model.Prices
            .OrderByDescending(model.Volume)
            .ThenBy(p => BigInteger.Abs(model.Demand(p) - model.Supply(p)))
            .ThenBy(p => c.LastPrice is { } last ? BigInteger.Abs(p - last) : BigInteger.Zero)
            .ThenBy(p => p)
            .First();
        if (expected != price) yield return $"p* = {price}, but the rules choose {expected}";
    }

    public static IEnumerable<string> NoCrossedBook(AuctionCase c, AuctionResult r)
    {
        var gone = r.Cancels.Select(x => x.OrderId).ToHashSet();
        var fills = FillMap(r);
        bool Stays(AuctionOrder o) => !gone.Contains(o.Id) && fills.GetValueOrDefault(o.Id) < o.Remaining;
        var bids = c.Bids.Where(Stays).Concat(r.ToRest.Where(o => o.Side == OrderSide.Buy)).ToList();
        var asks = c.Asks.Where(Stays).Concat(r.ToRest.Where(o => o.Side == OrderSide.Sell)).ToList();
        if (bids.Count > 0 && asks.Count > 0)
        {
            var bid = bids.MaxBy(o => o.Price)!;
            var ask = asks.MinBy(o => o.Price)!;
            if (bid.Price >= ask.Price) yield return $"after the batch bid #{bid.Id} at {bid.Price} ≥ ask #{ask.Id} at {ask.Price}";
        }
    }

    public static IEnumerable<string> FillsWithinLimits(AuctionCase c, AuctionResult r)
    {
        foreach (var fill in r.Fills)
        {
            var o = c.Order(fill.OrderId);
            if (r.ClearingPrice is not { } p) yield return $"#{o.Id} filled without a clearing price";
            else if (o.Side == OrderSide.Buy ? o.Price < p : o.Price > p) yield return $"#{o.Id} ({o.Side} at {o.Price}) filled at {p}";
        }
        foreach (var t in r.Trades)
            if (c.Order(t.BuyOrderId).Side != OrderSide.Buy || c.Order(t.SellOrderId).Side != OrderSide.Sell)
                yield return $"trade #{t.BuyOrderId}–#{t.SellOrderId} pairs the wrong sides";
    }

    public static IEnumerable<string> LotMultiples(AuctionCase c, AuctionResult r)
    {
        foreach (var f in r.Fills)
            if (f.Quantity.Sign <= 0 || !(f.Quantity % c.Lot).IsZero) yield return $"#{f.OrderId} fills {f.Quantity} (lot {c.Lot})";
        foreach (var t in r.Trades)
            if (t.Quantity.Sign <= 0 || !(t.Quantity % c.Lot).IsZero) yield return $"trade #{t.BuyOrderId}–#{t.SellOrderId} of {t.Quantity} (lot {c.Lot})";
        foreach (var o in r.ToRest)
            if (o.Remaining.Sign <= 0 || !(o.Remaining % c.Lot).IsZero) yield return $"#{o.Id} rests with {o.Remaining} (lot {c.Lot})";
    }

    public static IEnumerable<string> Conservation(AuctionCase c, AuctionResult r)
    {
        BigInteger buys = Sum(r, c, OrderSide.Buy), sells = Sum(r, c, OrderSide.Sell), traded = Sum(r.Trades.Select(t => t.Quantity));
        if (buys != sells || sells != traded) yield return $"buy fills {buys}, sell fills {sells}, trades {traded}";
        if (r.Fills.Select(f => f.OrderId).Distinct().Count() != r.Fills.Count) yield return "an order has two fills";
        foreach (var f in r.Fills)
        {
            var inTrades = Sum(r.Trades.Where(t => t.BuyOrderId == f.OrderId || t.SellOrderId == f.OrderId).Select(t => t.Quantity));
            if (inTrades != f.Quantity) yield return $"#{f.OrderId} fills {f.Quantity} but trades {inTrades}";
        }
        foreach (var t in r.Trades)
            if (r.Fills.All(f => f.OrderId != t.BuyOrderId) || r.Fills.All(f => f.OrderId != t.SellOrderId))
                yield return $"trade #{t.BuyOrderId}–#{t.SellOrderId} of an order without a fill";
    }

    public static IEnumerable<string> FillWithinRemaining(AuctionCase c, AuctionResult r)
    {
        var fills = FillMap(r);
        foreach (var f in r.Fills)
            if (f.Quantity > c.Order(f.OrderId).Remaining) yield return $"#{f.OrderId} fills {f.Quantity} of {c.Order(f.OrderId).Remaining}";
        foreach (var o in r.ToRest)
        {
            var original = c.Order(o.Id);
            if (o.Remaining != original.Remaining - fills.GetValueOrDefault(o.Id))
                yield return $"#{o.Id} rests with {o.Remaining}, but had {original.Remaining} and filled {fills.GetValueOrDefault(o.Id)}";
        }
    }

    public static IEnumerable<string> Accounting(AuctionCase c, AuctionResult r)
    {
        var fills = FillMap(r);
        var cancels = r.Cancels.GroupBy(x => x.OrderId).ToDictionary(g => g.Key, g => g.Count());
        var rests = r.ToRest.GroupBy(x => x.Id).ToDictionary(g => g.Key, g => g.Count());
        foreach (var o in c.Incoming)
        {
            bool filled = fills.GetValueOrDefault(o.Id) == o.Remaining;
            int outcomes = (filled ? 1 : 0) + cancels.GetValueOrDefault(o.Id) + rests.GetValueOrDefault(o.Id);
            if (outcomes != 1) yield return $"new #{o.Id}: filled wholly {filled}, cancelled {cancels.GetValueOrDefault(o.Id)}×, rests {rests.GetValueOrDefault(o.Id)}×";
        }
        foreach (var o in c.Bids.Concat(c.Asks))
        {
            if (rests.ContainsKey(o.Id)) yield return $"resting #{o.Id} is in ToRest";
            if (cancels.GetValueOrDefault(o.Id) > 1) yield return $"resting #{o.Id} is cancelled twice";
            if (cancels.ContainsKey(o.Id) && fills.GetValueOrDefault(o.Id) == o.Remaining) yield return $"resting #{o.Id} is filled wholly and cancelled";
        }
    }

    public static IEnumerable<string> IocNeverRests(AuctionCase c, AuctionResult r) =>
        r.ToRest.Where(o => c.Order(o.Id).TimeInForce is TimeInForce.Ioc or TimeInForce.Fok).Select(o => $"{c.Order(o.Id).TimeInForce} #{o.Id} rests");

    public static IEnumerable<string> PostOnlyNeverFills(AuctionCase c, AuctionResult r) =>
        r.Fills.Where(f => c.Order(f.OrderId) is { Resting: false, TimeInForce: TimeInForce.PostOnly }).Select(f => $"post-only #{f.OrderId} fills {f.Quantity}");

    public static IEnumerable<string> FokAllOrNothing(AuctionCase c, AuctionResult r)
    {
        var fills = FillMap(r);
        foreach (var o in c.Incoming.Where(o => o.TimeInForce == TimeInForce.Fok))
        {
            var fill = fills.GetValueOrDefault(o.Id);
            if (!fill.IsZero && fill != o.Remaining) yield return $"FOK #{o.Id} fills {fill} of {o.Remaining}";
            if (fill.IsZero && !r.Cancels.Any(x => x.OrderId == o.Id && x.Reason is CancelReason.FokUnfilled or CancelReason.SelfTrade or CancelReason.MatchLimit))
                yield return $"FOK #{o.Id} neither fills nor is cancelled";
        }
    }

    public static IEnumerable<string> NoSelfTrade(AuctionCase c, AuctionResult r) =>
        r.Trades.Where(t => c.Order(t.BuyOrderId).Owner == c.Order(t.SellOrderId).Owner)
            .Select(t => $"#{t.BuyOrderId} and #{t.SellOrderId} of one owner trade");

    public static IEnumerable<string> WorkWithinBudget(AuctionCase c, AuctionResult r)
    {
        if (r.Work < r.RestingRead) yield return $"work {r.Work} < {r.RestingRead} resting orders read";
        if (r.Rounds == 1 && r.Work != r.RestingRead) yield return $"one round, but work {r.Work} ≠ {r.RestingRead} read";
        long oneRound = c.Incoming.Count + r.RestingRead;
        if (r.Work > Math.Max(c.MaxRestingReads, r.RestingRead) + oneRound) yield return $"work {r.Work} > budget {c.MaxRestingReads} + one round {oneRound}";
    }

    /// <summary>Clearing the case's incoming orders in another order gives the same result.</summary>
    public static IEnumerable<string> PermutationInvariance(Func<AuctionInput, AuctionResult> engine, AuctionCase c)
    {
        string a = Render(engine(c.Input())), b = Render(engine(c.Permuted().Input()));
        if (a != b) yield return $"in input order:\n{a}permuted:\n{b}";
    }

    /// <summary>
    /// The engine reads exactly the resting orders the rules allow (<see cref="AuctionModel.Read"/>), enumerates each side
    /// once, at most one order past what it reads, and not at all a side that nothing can use.
    /// </summary>
    public static IEnumerable<string> ReadDepth(Func<AuctionInput, AuctionResult> engine, AuctionCase c)
    {
        var bids = new GuardedBook(c.Bids);
        var asks = new GuardedBook(c.Asks);
        var r = engine(c.Input(bids, asks));
        var read = AuctionModel.Read(c);
        if (r.RestingRead != read.Bids.Count + read.Asks.Count) yield return $"read {r.RestingRead} resting orders; the rules read {read.Bids.Count + read.Asks.Count}";
        foreach (var (name, book, count, used) in new[] { ("bids", bids, read.Bids.Count, read.BidsUsed), ("asks", asks, read.Asks.Count, read.AsksUsed) })
        {
            if (book.Enumerations > 1) yield return $"{name} enumerated {book.Enumerations} times";
            if (book.Pulled > count + 1) yield return $"{name}: pulled {book.Pulled} for {count} read";
            if (!used && book.Pulled > 0) yield return $"{name}: pulled {book.Pulled} though nothing could use them";
        }
    }

    /// <summary>A canonical text of a result, for comparing two results.</summary>
    public static string Render(AuctionResult r)
    {
        var text = new StringBuilder($"p* {r.ClearingPrice?.ToString() ?? "none"}, read {r.RestingRead}, rounds {r.Rounds}, work {r.Work}\n");
        text.Append("fills ").AppendJoin(' ', r.Fills.Select(f => $"#{f.OrderId}:{f.Quantity}")).Append('\n');
        text.Append("trades ").AppendJoin(' ', r.Trades.Select(t => $"#{t.BuyOrderId}-#{t.SellOrderId}:{t.Quantity}")).Append('\n');
        text.Append("cancels ").AppendJoin(' ', r.Cancels.Select(x => $"#{x.OrderId}:{x.Reason}({x.Detail})")).Append('\n');
        text.Append("rest ").AppendJoin(' ', r.ToRest.Select(o => $"#{o.Id}:{o.Remaining}")).Append('\n');
        return text.ToString();
    }

    private static Dictionary<ulong, BigInteger> FillMap(AuctionResult r)
    {
        var map = new Dictionary<ulong, BigInteger>();
        foreach (var f in r.Fills) map[f.OrderId] = map.GetValueOrDefault(f.OrderId) + f.Quantity;
        return map;
    }

    private static BigInteger Sum(AuctionResult r, AuctionCase c, OrderSide side) =>
        Sum(r.Fills.Where(f => c.Order(f.OrderId).Side == side).Select(f => f.Quantity));

    private static BigInteger Sum(IEnumerable<BigInteger> values) => values.Aggregate(BigInteger.Zero, (a, b) => a + b);
}
