using System.Globalization;
using Seratio.Core.Addressing;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Exchange;

/// <summary>The exchange's events (docs/modules/exchange.md, "Events"): attribute names and values are protocol. Pure; thread safe.</summary>
public static class ExchangeEvents
{
    public const string TradeType = "exchange.trade";
    public const string OrderType = "exchange.order";
    public const string MarketType = "exchange.market";

    /// <summary>"exchange.order" {order, market, owner, side, status, filled, reason}.</summary>
    public static Event Order(OrderState order, Modules.AddressText addresses)
    {
        var ev = new Event { Type = OrderType };
        Add(ev, "order", Text(order.Id));
        Add(ev, "market", Text(order.MarketId));
        Add(ev, "owner", addresses.Of(new Address(order.Owner.Span)));
        Add(ev, "side", ExchangeRules.SideName(order.Side));
        Add(ev, "status", StatusName(order.Status));
        Add(ev, "filled", order.Filled);
        Add(ev, "reason", order.CancelReason == CancelReason.Unspecified ? "" : ReasonName(order.CancelReason));
        return ev;
    }

    /// <summary>"exchange.trade" {market, sequence, price, quantity, buy_order, sell_order, buyer, seller, buyer_fee, seller_fee, lots}.</summary>
    public static Event Trade(TradeRecord trade, Modules.AddressText addresses)
    {
        var ev = new Event { Type = TradeType };
        Add(ev, "market", Text(trade.MarketId));
        Add(ev, "sequence", Text(trade.Sequence));
        Add(ev, "price", trade.Price);
        Add(ev, "quantity", trade.Quantity);
        Add(ev, "buy_order", Text(trade.BuyOrderId));
        Add(ev, "sell_order", Text(trade.SellOrderId));
        Add(ev, "buyer", addresses.Of(new Address(trade.Buyer.Span)));
        Add(ev, "seller", addresses.Of(new Address(trade.Seller.Span)));
        Add(ev, "buyer_fee", trade.BuyerFee);
        Add(ev, "seller_fee", trade.SellerFee);
        Add(ev, "lots", string.Join(",", trade.Lots.Select(l => $"{Text(l.LotId)}:{l.Units}")));
        return ev;
    }

    /// <summary>"exchange.market" {market, base, quote, halted, reason}.</summary>
    public static Event Market(MarketState market)
    {
        var ev = new Event { Type = MarketType };
        Add(ev, "market", Text(market.Id));
        Add(ev, "base", market.Base);
        Add(ev, "quote", market.Quote);
        Add(ev, "halted", market.Halted ? "true" : "false");
        Add(ev, "reason", market.HaltReason);
        return ev;
    }

    /// <summary>"pending", "open", "filled", "cancelled", "expired".</summary>
    public static string StatusName(OrderStatus status) => status switch
    {
        OrderStatus.Pending => "pending",
        OrderStatus.Open => "open",
        OrderStatus.Filled => "filled",
        OrderStatus.Cancelled => "cancelled",
        OrderStatus.Expired => "expired",
        _ => "unspecified",
    };

    /// <summary>"by_owner", "ioc_remainder", ..., the enum's name in snake case.</summary>
    public static string ReasonName(CancelReason reason) => reason switch
    {
        CancelReason.ByOwner => "by_owner",
        CancelReason.IocRemainder => "ioc_remainder",
        CancelReason.FokUnfilled => "fok_unfilled",
        CancelReason.PostOnlyWouldTake => "post_only_would_take",
        CancelReason.SelfTrade => "self_trade",
        CancelReason.FrozenLot => "frozen_lot",
        CancelReason.Dust => "dust",
        CancelReason.MatchLimit => "match_limit",
        CancelReason.MarketHalted => "market_halted",
        _ => "unspecified",
    };

    private static string Text(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Add(Event ev, string key, string value) => ev.Attributes.Add(new EventAttribute { Key = key, Value = value });
}
