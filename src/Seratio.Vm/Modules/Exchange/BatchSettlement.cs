using System.Globalization;
using System.Numerics;
using Seratio.Core.Addressing;
using Seratio.Core.Crypto;
using Seratio.Core.Numerics;
using Seratio.Protocol;
using Seratio.Vm.Modules.Exchange.Matching;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Exchange;

/// <summary>
/// One market's batch against state: feeds the auction its orders (pending ones given, resting ones read lazily best
/// first) and applies the <see cref="AuctionResult"/>: each trade pays from escrow (the seller gets value − its fee, the
/// treasury both fees, each ceil(value × bps / 10000), maker bps for an order resting from an earlier block, taker bps
/// for this block's), moves the base (escrow units, or the sell's front lots under the same ids) to the buyer and is
/// recorded; filled orders close, cancelled ones close with the engine's reason, the rest of the new orders rest in
/// the given order; the market's figures follow. A result that does not add up (fills against trades, an order left
/// neither closed nor resting) is an engine bug and throws. One per market per block; not thread safe.
/// </summary>
internal sealed class BatchSettlement(IStateView view, ulong height, MarketState market, Dictionary<ulong, OrderState> orders,
    List<Event> events, AddressText addresses)
{
    private readonly bool _microshare = Exchange.IsMicroshare(market.Base, out _);
    private readonly ulong _classId = Exchange.IsMicroshare(market.Base, out var id) ? id : 0;

    public AuctionOrder ToAuction(OrderState order) => new(
        order.Id,
        new Address(order.Owner.Span),
        order.Side,
        ExchangeRules.Big(Exchange.Stored(order.Price, "order price")),
        ExchangeRules.Big(OrderClosing.Remaining(order)),
        order.TimeInForce,
        order.Status == OrderStatus.Open,
        order.PlacedHeight,
        new Hash32(order.Priority.Span));

    /// <summary>The side's resting orders, best first, read from state only as far as the auction asks.</summary>
    public IEnumerable<AuctionOrder> Resting(OrderSide side)
    {
        var reader = new ViewReader(view);
        foreach (var id in OrderBook.OrderIdsBestFirst(reader, market.Id, side))
        {
            var order = Exchange.GetOrder(reader, id) ?? throw new InvalidDataException($"order {id} rests on market {market.Id}'s book but is not in state");
            orders[id] = order;
            yield return ToAuction(order);
        }
    }

    public void Apply(AuctionResult result)
    {
        var pending = orders.Values.Where(o => o.Status == OrderStatus.Pending).Select(o => o.Id).OrderBy(i => i).ToArray();
        var traded = new SortedDictionary<ulong, BigInteger>();
        if (result.Trades.Count > 0)
        {
            var price = result.ClearingPrice ?? throw new InvalidOperationException("the auction reports trades without a clearing price");
            foreach (var trade in result.Trades) Settle(trade, price, traded);
            market.LastPrice = price.ToString(CultureInfo.InvariantCulture);
            market.LastTradeHeight = height;
        }
        CheckFills(result, traded);

        foreach (var (orderId, quantity) in traded)
        {
            var order = Order(orderId);
            if (order.Status == OrderStatus.Open) OrderBook.Reduce(view, order, ExchangeRules.ToAmount(quantity));
            if (OrderClosing.Remaining(order).IsZero)
                OrderClosing.Close(view, market, order, OrderStatus.Filled, CancelReason.Unspecified, "", height, events, addresses);
            else if (order.Status == OrderStatus.Open)
            {
                Exchange.PutOrder(view, order);
                events.Add(ExchangeEvents.Order(order, addresses));
            }
        }
        foreach (var cancel in result.Cancels)
        {
            var order = Order(cancel.OrderId);
            OrderClosing.Close(view, market, order, OrderStatus.Cancelled, cancel.Reason, cancel.Detail, height, events, addresses);
        }
        foreach (var rest in result.ToRest)
        {
            var order = Order(rest.Id);
            if (order.Status != OrderStatus.Pending) throw new InvalidOperationException($"the auction rests order {order.Id}, which is {order.Status}, not a new order");
            var remaining = OrderClosing.Remaining(order);
            if (ExchangeRules.Big(remaining) != rest.Remaining)
                throw new InvalidOperationException($"the auction rests order {order.Id} with {rest.Remaining} but {remaining} of it is unfilled");
            order.Status = OrderStatus.Open;
            OrderBook.Add(view, order, remaining);
            market.OpenOrders++;
            Exchange.PutOrder(view, order);
            events.Add(ExchangeEvents.Order(order, addresses));
        }
        foreach (var orderId in pending)
            if (orders[orderId].Status == OrderStatus.Pending)
                throw new InvalidOperationException($"the auction left new order {orderId} neither filled, cancelled nor resting");
    }

    private void Settle(AuctionTrade trade, BigInteger price, SortedDictionary<ulong, BigInteger> traded)
    {
        var buy = Order(trade.BuyOrderId);
        var sell = Order(trade.SellOrderId);
        if (buy.Side != OrderSide.Buy || sell.Side != OrderSide.Sell)
            throw new InvalidOperationException($"the auction pairs order {buy.Id} ({buy.Side}) as the buy and {sell.Id} ({sell.Side}) as the sell");
        var quantity = trade.Quantity;
        if (quantity <= 0) throw new InvalidOperationException($"the auction reports a trade of {quantity} between orders {buy.Id} and {sell.Id}");
        var value = price * quantity;
        bool buyerMaker = buy.Status == OrderStatus.Open, sellerMaker = sell.Status == OrderStatus.Open;
        var buyerFee = ExchangeRules.Fee(value, buyerMaker ? market.MakerFeeBps : market.TakerFeeBps);
        var sellerFee = ExchangeRules.Fee(value, sellerMaker ? market.MakerFeeBps : market.TakerFeeBps);
        var buyer = new Address(buy.Owner.Span);
        var seller = new Address(sell.Owner.Span);

        buy.Locked = Less(buy.Locked, value + buyerFee, buy.Id);
        Funds.Move(view, market.Quote, Exchange.EscrowAddress, seller, ExchangeRules.ToAmount(value - sellerFee));
        Funds.Move(view, market.Quote, Exchange.EscrowAddress, Exchange.TreasuryAddress, ExchangeRules.ToAmount(buyerFee + sellerFee));

        var record = new TradeRecord
        {
            MarketId = market.Id,
            Sequence = ++market.TradeCount,
            Height = height,
            Price = price.ToString(CultureInfo.InvariantCulture),
            Quantity = quantity.ToString(CultureInfo.InvariantCulture),
            BuyOrderId = buy.Id,
            SellOrderId = sell.Id,
            Buyer = buy.Owner,
            Seller = sell.Owner,
            BuyerFee = buyerFee.ToString(CultureInfo.InvariantCulture),
            SellerFee = sellerFee.ToString(CultureInfo.InvariantCulture),
            BuyerMaker = buyerMaker,
            SellerMaker = sellerMaker,
        };
        sell.Locked = Less(sell.Locked, quantity, sell.Id);
        if (_microshare)
        {
            var before = OrderClosing.Certificates(sell);
            record.Lots.Add(LotEscrow.Deliver(view, sell, _classId, buyer, ExchangeRules.ToAmount(quantity)));
            var after = OrderClosing.Certificates(sell);
            foreach (var certificate in before)
                if (!after.Contains(certificate)) CertificateIndex.Remove(view, certificate, sell.Id);
        }
        else
        {
            Funds.Move(view, market.Base, Exchange.EscrowAddress, buyer, ExchangeRules.ToAmount(quantity));
        }

        foreach (var (order, fee) in new[] { (buy, buyerFee), (sell, sellerFee) })
        {
            order.Filled = Plus(order.Filled, quantity);
            order.PaidQuote = Plus(order.PaidQuote, value);
            order.Fees = Plus(order.Fees, fee);
            traded[order.Id] = traded.GetValueOrDefault(order.Id) + quantity;
        }
        market.VolumeBase = Plus(market.VolumeBase, quantity);
        market.VolumeQuote = Plus(market.VolumeQuote, value);
        Exchange.PutTrade(view, record);
        events.Add(ExchangeEvents.Trade(record, addresses));
    }

    private static void CheckFills(AuctionResult result, SortedDictionary<ulong, BigInteger> traded)
    {
        var filled = new SortedDictionary<ulong, BigInteger>();
        foreach (var fill in result.Fills) filled[fill.OrderId] = filled.GetValueOrDefault(fill.OrderId) + fill.Quantity;
        if (filled.Count != traded.Count || filled.Any(f => traded.GetValueOrDefault(f.Key) != f.Value))
            throw new InvalidOperationException("the auction's fills do not add up to its trades");
    }

    private OrderState Order(ulong id) =>
        orders.TryGetValue(id, out var order) ? order : throw new InvalidOperationException($"the auction names order {id}, which it was not given");

    private static string Plus(string stored, BigInteger add) =>
        (ExchangeRules.Big(Exchange.StoredOrZero(stored, "order figure")) + add).ToString(CultureInfo.InvariantCulture);

    private static string Less(string stored, BigInteger take, ulong orderId)
    {
        var left = ExchangeRules.Big(Exchange.Stored(stored, "order lock")) - take;
        if (left.Sign < 0) throw new InvalidOperationException($"order {orderId}'s lock falls short by {-left}: escrow would pay what it does not hold");
        return left.ToString(CultureInfo.InvariantCulture);
    }
}
