using System.Numerics;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Exchange.Matching;

/// <summary>
/// One market's frequent batch auction at a single clearing price (docs/modules/exchange.md, "Matching"): a pure
/// function of its input, so every validator computes the same result, whatever the order of the incoming orders.
/// <list type="number">
/// <item>Incoming orders are sorted canonically by (Priority, Id); post-only ones wait until after the auction.</item>
/// <item>Self-trade prevention (<see cref="SelfTradePrevention"/>), then the resting book is read lazily, only as deep
/// as an incoming order can reach and at most <see cref="AuctionInput.MaxRestingReads"/> orders (<see cref="BookRead"/>).</item>
/// <item>Rounds (<see cref="AuctionRounds"/>): the clearing price (<see cref="PriceLadder"/>), the allocation
/// (<see cref="Allocation"/>); while some FOK would fill less than wholly, every such FOK is cancelled and the round runs
/// again, within the work budget.</item>
/// <item>Trades (<see cref="TradePairing"/>), then remainders, dust and post-only orders (<see cref="Remainders"/>).</item>
/// </list>
/// Costs O((n + r) log(n + r)) for n incoming and r read resting orders, plus O(n + r) per extra FOK round, all within
/// <see cref="AuctionResult.Work"/>. Stateless; thread safe.
/// </summary>
public static class BatchAuction
{
    public static AuctionResult Clear(AuctionInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckInput(input);
        var lot = input.LotSize;
        var incoming = input.Incoming.ToArray();
        Array.Sort(incoming, OrderPriority.Canonical);
        var takers = new List<AuctionOrder>(incoming.Length);
        var postOnly = new List<AuctionOrder>();
        foreach (var order in incoming) (order.TimeInForce == TimeInForce.PostOnly ? postOnly : takers).Add(order);

        var cancels = new List<AuctionCancel>();
        var survivors = new List<AuctionOrder>(takers.Count);
        var selfTrade = SelfTradePrevention.AmongIncoming(takers, survivors, cancels);
        BigInteger? lowestSell = null, highestBuy = null;
        foreach (var o in survivors)
            if (o.Side == OrderSide.Buy) highestBuy = highestBuy is { } h && h >= o.Price ? h : o.Price;
            else lowestSell = lowestSell is { } l && l <= o.Price ? l : o.Price;

        using var bidWalk = new RestingWalk(input.RestingBids, OrderSide.Buy, lot);
        using var askWalk = new RestingWalk(input.RestingAsks, OrderSide.Sell, lot);
        var read = BookRead.Read(bidWalk, askWalk, lowestSell, highestBuy, input.MaxRestingReads,
            wantBestBid: postOnly.Exists(o => o.Side == OrderSide.Sell), wantBestAsk: postOnly.Exists(o => o.Side == OrderSide.Buy));
        CheckUniqueIds(incoming, read);

        var buys = Participants(read.Bids, survivors, OrderSide.Buy, selfTrade, cancels);
        var sells = Participants(read.Asks, survivors, OrderSide.Sell, selfTrade, cancels);
        var rounds = AuctionRounds.Run(buys, sells, input, read.Count, cancels);

        var fills = new List<AuctionFill>();
        foreach (var side in new[] { buys, sells })
            foreach (var p in side)
                if (!p.Fill.IsZero) fills.Add(new AuctionFill(p.Order.Id, p.Fill));
        fills.Sort((a, b) => a.OrderId.CompareTo(b.OrderId));
        var trades = TradePairing.Pair(buys, sells);

        var remainders = new Remainders(input, read, cancels);
        remainders.Settle(buys);
        remainders.Settle(sells);
        postOnly.Sort(OrderPriority.Time);
        remainders.PlacePostOnly(postOnly);
        return new AuctionResult(rounds.Clearing?.Price, fills, trades, cancels, remainders.ToRest, read.Count)
        {
            Rounds = rounds.Rounds,
            Work = rounds.Work,
        };
    }

    /// <summary>The participants of one side in book order: the read resting orders less self-trade cancels, and the survivors.</summary>
    private static List<Participant> Participants(IReadOnlyList<AuctionOrder> resting, List<AuctionOrder> survivors, OrderSide side,
        SelfTradePrevention selfTrade, List<AuctionCancel> cancels)
    {
        var participants = new List<Participant>(resting.Count + survivors.Count);
        foreach (var order in resting)
        {
            if (selfTrade.CrossingOwnIncoming(order) is { } price)
            {
                cancels.Add(new AuctionCancel(order.Id, CancelReason.SelfTrade,
                    $"self-trade: the same owner's new {(side == OrderSide.Buy ? "sell" : "buy")} at {price} crosses this resting order at {order.Price}; the older order is cancelled"));
                continue;
            }
            participants.Add(new Participant(order));
        }
        foreach (var order in survivors)
            if (order.Side == side) participants.Add(new Participant(order));
        var book = OrderPriority.Book(side);
        participants.Sort((a, b) => book(a.Order, b.Order));
        return participants;
    }

    private static void CheckInput(AuctionInput input)
    {
        ArgumentNullException.ThrowIfNull(input.Incoming);
        ArgumentNullException.ThrowIfNull(input.RestingBids);
        ArgumentNullException.ThrowIfNull(input.RestingAsks);
        if (input.LotSize.Sign <= 0) throw new ArgumentException($"The lot size must be positive, got {input.LotSize}.", nameof(input));
        if (input.MinOrderValue.Sign < 0) throw new ArgumentException($"The minimum order value must not be negative, got {input.MinOrderValue}.", nameof(input));
        if (input.LastPrice is { Sign: <= 0 } last) throw new ArgumentException($"The last price must be positive, got {last}.", nameof(input));
        if (input.MaxRestingReads < 0) throw new ArgumentException($"MaxRestingReads must not be negative, got {input.MaxRestingReads}.", nameof(input));
        foreach (var order in input.Incoming)
        {
            ArgumentNullException.ThrowIfNull(order);
            if (order.Resting) throw new ArgumentException($"Incoming order {order.Id} is marked resting.", nameof(input));
            if (order.TimeInForce is not (TimeInForce.Gtc or TimeInForce.Gth or TimeInForce.Ioc or TimeInForce.Fok or TimeInForce.PostOnly))
                throw new ArgumentException($"Incoming order {order.Id} has no valid time in force ({order.TimeInForce}).", nameof(input));
            CheckAmounts(order, input.LotSize);
        }
    }

    /// <summary>Side set, price positive, remaining a positive multiple of the lot; else the caller has a bug.</summary>
    internal static void CheckAmounts(AuctionOrder order, BigInteger lot)
    {
        if (order.Side is not (OrderSide.Buy or OrderSide.Sell))
            throw new ArgumentException($"Order {order.Id} has no side ({order.Side}).", nameof(order));
        if (order.Price.Sign <= 0) throw new ArgumentException($"Order {order.Id} has a price of {order.Price}; it must be positive.", nameof(order));
        if (order.Remaining.Sign <= 0 || !(order.Remaining % lot).IsZero)
            throw new ArgumentException($"Order {order.Id} has {order.Remaining} remaining; it must be a positive multiple of the lot {lot}.", nameof(order));
    }

    private static void CheckUniqueIds(AuctionOrder[] incoming, BookRead read)
    {
        var ids = new HashSet<ulong>();
        foreach (var list in new IEnumerable<AuctionOrder>[] { incoming, read.Bids, read.Asks })
            foreach (var order in list)
                if (!ids.Add(order.Id)) throw new ArgumentException($"Order id {order.Id} occurs twice in the batch.", nameof(incoming));
    }
}
