using System.Globalization;
using Seratio.Core.Addressing;
using Seratio.Core.Crypto;
using Seratio.Protocol;
using Seratio.Vm.Execution;
using Seratio.Vm.Modules.Exchange.Matching;
using Seratio.Vm.Modules.Microshares;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Exchange;

/// <summary>
/// The exchange's end-of-block step (docs/modules/exchange.md, "The batch"), run by the block executor after the
/// transactions: (1) good-till-height orders whose expire_height is below this height expire (the index of height − 1);
/// (2) open sells holding a lot whose certificate is now revoked are cancelled FROZEN_LOT (only certificates some open
/// sell holds are read); (3) each market with pending orders, in ascending id, clears one batch auction
/// (<see cref="BatchAuction.Clear"/>) over its pending orders and its book read lazily best first, all markets sharing
/// params.exchange.max_match_work, and <see cref="BatchSettlement"/> applies the result; (4) the block's transient
/// counters are deleted. Events go to <see cref="ExchangeKeys.BatchEvents"/> of the height. A pure function of the
/// state and the block: nothing depends on the order of the block's transactions. Stateless; thread safe.
/// </summary>
public static class ExchangeBatch
{
    public static void Run(IStateView view, BlockContext context)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(context);
        var events = new List<Event>();
        var addresses = new AddressText();
        var markets = new SortedDictionary<ulong, MarketState>();

        Expire(view, context.Height, markets, events, addresses);
        CancelFrozen(view, context.Height, markets, events, addresses);

        // Every placement and cancel records its account among the block's actors: none, and the block left nothing
        // pending and no counter to delete (an idle block reads three keys: expiries, certificates, actors).
        bool acted = view.Get(ExchangeKeys.Actors()) is not null;
        var reader = new ViewReader(view);
        var pendingMarkets = acted ? IdSet.Read(reader, ExchangeKeys.PendingMarkets()).ToArray() : [];
        if (pendingMarkets.Length > 0) view.Set(ExchangeKeys.PendingMarkets(), null);
        long budget = context.Params.ExchangeOrDefault.MaxMatchWork;
        foreach (var marketId in pendingMarkets)
        {
            var list = TransientList.Pending(marketId);
            var orders = new Dictionary<ulong, OrderState>();
            var pending = new List<ulong>(); // ascending ids, as placed
            foreach (var entry in list.ReadAll(reader))
            {
                ulong id = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(entry);
                var order = Exchange.GetOrder(reader, id) ?? throw new InvalidDataException($"pending order {id} is not in state");
                if (order.Status != OrderStatus.Pending) continue; // cancelled in its own block
                orders[id] = order;
                pending.Add(id);
            }
            list.Delete(view);
            if (orders.Count == 0) continue;
            var market = MarketOf(view, markets, marketId);
            if (market.Halted)
            {
                foreach (var id in pending)
                {
                    OrderClosing.Close(view, market, orders[id], OrderStatus.Cancelled, CancelReason.MarketHalted,
                        string.Create(CultureInfo.InvariantCulture, $"market {market.Id} was halted in block {context.Height} before its batch ({market.HaltReason})"),
                        context.Height, events, addresses);
                }
                continue;
            }
            var settlement = new BatchSettlement(view, context.Height, market, orders, events, addresses);
            var input = new AuctionInput(
                [.. pending.Select(id => settlement.ToAuction(orders[id]))],
                settlement.Resting(OrderSide.Buy),
                settlement.Resting(OrderSide.Sell),
                ExchangeRules.Big(Exchange.Stored(market.LotSize, "lot size")),
                ExchangeRules.Big(Exchange.Stored(market.MinOrderValue, "minimum order value")),
                market.LastPrice.Length == 0 ? null : ExchangeRules.Big(Exchange.Stored(market.LastPrice, "last price")),
                (int)Math.Min(int.MaxValue, Math.Max(0, budget)));
            var result = BatchAuction.Clear(input);
            budget -= result.Work; // resting reads plus the participants of every extra FOK round
            settlement.Apply(result);
        }

        foreach (var market in markets.Values) Exchange.PutMarket(view, market);
        if (acted) BlockCounters.Clear(view);
        if (events.Count > 0)
        {
            var batchEvents = new BatchEvents();
            batchEvents.Events.Add(events);
            Exchange.PutBatchEvents(view, context.Height, batchEvents);
        }
    }

    private static void Expire(IStateView view, ulong height, SortedDictionary<ulong, MarketState> markets, List<Event> events, AddressText addresses)
    {
        if (height == 0) return;
        var list = Exchange.Expiring(height - 1);
        var reader = new ViewReader(view);
        var ids = list.Read(reader, 0, checked((int)list.Count(reader)));
        if (ids.Count == 0) return;
        list.Delete(view);
        foreach (var id in ids)
        {
            var order = Exchange.GetOrder(reader, id) ?? throw new InvalidDataException($"order {id} is listed to expire but is not in state");
            if (order.Status is not (OrderStatus.Open or OrderStatus.Pending)) continue;
            OrderClosing.Close(view, MarketOf(view, markets, order.MarketId), order, OrderStatus.Expired, CancelReason.Unspecified,
                string.Create(CultureInfo.InvariantCulture, $"good till height {order.ExpireHeight}"), height, events, addresses);
        }
    }

    private static void CancelFrozen(IStateView view, ulong height, SortedDictionary<ulong, MarketState> markets, List<Event> events, AddressText addresses)
    {
        var reader = new ViewReader(view);
        foreach (var certificateId in IdSet.Read(reader, ExchangeKeys.ActiveCertificates()).ToArray())
        {
            if (Revocations.FrozenReason(view, certificateId) is not { } reason) continue;
            var holding = Exchange.OrdersHolding(certificateId);
            foreach (var id in holding.Read(reader, 0, checked((int)holding.Count(reader))))
            {
                var order = Exchange.GetOrder(reader, id) ?? throw new InvalidDataException($"order {id} is indexed under certificate {certificateId} but is not in state");
                if (order.Status is not (OrderStatus.Open or OrderStatus.Pending)) continue;
                // Listed sells that closed, or sold every lot of this certificate, stay in the list until the last one closes.
                if (order.Lots.FirstOrDefault(l => l.CertificateId == certificateId) is not { } lot) continue;
                var market = MarketOf(view, markets, order.MarketId);
                // A pending sell whose certificate was revoked later in its own block leaves the pending list here, so it never reaches the auction.
                OrderClosing.Close(view, market, order, OrderStatus.Cancelled, CancelReason.FrozenLot,
                    string.Create(CultureInfo.InvariantCulture, $"lot {lot.LotId} is frozen: {reason}"), height, events, addresses);
            }
        }
    }

    private static MarketState MarketOf(IStateView view, SortedDictionary<ulong, MarketState> markets, ulong id)
    {
        if (markets.TryGetValue(id, out var market)) return market;
        market = Exchange.GetMarket(new ViewReader(view), id) ?? throw new InvalidDataException($"an order names market {id}, which state does not hold");
        markets.Add(id, market);
        return market;
    }
}
