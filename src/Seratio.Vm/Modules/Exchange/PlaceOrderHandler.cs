using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using Google.Protobuf;
using Seratio.Core.Chain;
using Seratio.Core.Crypto;
using Seratio.Core.Numerics;
using Seratio.Protocol;
using Seratio.Vm.Modules.Microshares;

namespace Seratio.Vm.Modules.Exchange;

/// <summary>
/// <see cref="MsgPlaceOrder"/>: any signer places a limit order; it is PENDING until the block's batch
/// (<see cref="ExchangeBatch"/>). Refusals, in this order: NOT_FOUND (market), MARKET_HALTED, OFF_TICK, OFF_LOT,
/// BELOW_MIN_ORDER_VALUE, BAD_LIFETIME / INVALID_MSG (expire_height), INVALID_MSG (lot_ids on anything but a microshare
/// sell), TOO_MANY_OPEN_ORDERS, RATE_LIMITED, BATCH_FULL, then the lock: INSUFFICIENT_FUNDS, or FROZEN / NOT_FOUND /
/// UNAUTHORIZED for lots. The lock moves into escrow (<see cref="ExchangeRules.BuyLock"/> of the quote for a buy, the
/// quantity of the base for a sell; a microshare sell's lots into the order). The id is the order counter plus one; the
/// time priority within a height is SHA-256("seratio/exchange-order-priority" || tx hash || message index, 4 bytes).
/// Permission <see cref="Permission.AnySigner"/>; gas <see cref="GasCost"/>; emits "exchange.order" (pending).
/// Stateless; thread safe.
/// </summary>
public sealed class PlaceOrderHandler : IMsgHandler
{
    /// <summary>About 20 reads and writes: order, counters, two order lists, open count, pending lists, lock, limits.</summary>
    public const ulong GasCost = 30_000;

    public Msg.KindOneofCase Kind => Msg.KindOneofCase.PlaceOrder;
    public string Name => "place-order";
    public Permission Permission => Permission.AnySigner;
    public ulong Gas(ChainParams p) => GasCost;

    /// <summary>
    /// Zero: the message does not name the market's assets, so what a lock takes is checked at execution
    /// (INSUFFICIENT_FUNDS, the fee still charged). A bound for any market here would make admission refuse the buyers of
    /// an altcoin-quoted market who hold no SER, and ask SER-quoted buyers for more than their lock.
    /// </summary>
    public Amount MaxSerSpend(Msg msg) => Amount.Zero;

    public MsgResult Validate(Msg msg, ChainParams p) => Check(msg.PlaceOrder, out _, out _);

    public MsgResult Execute(Msg msg, in MsgContext context)
    {
        var place = msg.PlaceOrder;
        var check = Check(place, out var priceAmount, out var quantityAmount);
        if (!check.IsOk) return check;
        var view = context.State;
        var reader = new ViewReader(view);
        var limits = context.Block.Params.ExchangeOrDefault;
        ulong height = context.Block.Height;

        var market = Exchange.GetMarket(reader, place.MarketId);
        if (market is null) return MsgResult.Fail(ResultCode.NotFound, $"market {place.MarketId} does not exist; check the id (ListMarkets)");
        if (market.Halted)
            return MsgResult.Fail(ResultCode.MarketHalted, $"market {market.Id} is halted ({market.HaltReason}); it takes no new orders, open ones may still be cancelled");
        BigInteger price = ExchangeRules.Big(priceAmount), quantity = ExchangeRules.Big(quantityAmount);
        BigInteger tick = Big(market.TickSize), lot = Big(market.LotSize), minValue = Big(market.MinOrderValue);
        if (price % tick != 0)
            return MsgResult.Fail(ResultCode.OffTick, string.Create(CultureInfo.InvariantCulture,
                $"price {price} is not a multiple of market {market.Id}'s tick size {tick}; use {price / tick * tick} or {(price / tick + 1) * tick}"));
        if (quantity % lot != 0)
            return MsgResult.Fail(ResultCode.OffLot, string.Create(CultureInfo.InvariantCulture,
                $"quantity {quantity} is not a multiple of market {market.Id}'s lot size {lot}; use {quantity / lot * lot} or {(quantity / lot + 1) * lot}"));
        var value = price * quantity;
        if (value < minValue)
            return MsgResult.Fail(ResultCode.BelowMinOrderValue, string.Create(CultureInfo.InvariantCulture,
                $"price × quantity is {value}, below market {market.Id}'s minimum order value {minValue}; raise the quantity or the price"));
        if (place.TimeInForce == TimeInForce.Gth && (place.ExpireHeight < height || place.ExpireHeight - height > limits.MaxOrderLifetime))
            return MsgResult.Fail(ResultCode.BadLifetime, string.Create(CultureInfo.InvariantCulture,
                $"expire_height {place.ExpireHeight} must be {height}..{height + limits.MaxOrderLifetime} (this block's height up to params.exchange.max_order_lifetime {limits.MaxOrderLifetime} later)"));
        bool microshare = Exchange.IsMicroshare(market.Base, out ulong classId);
        if (place.LotIds.Count > 0 && !(microshare && place.Side == OrderSide.Sell))
            return Fields.Invalid($"lot_ids are only for sells of a microshare market; market {market.Id} trades {market.Base}/{market.Quote}");

        uint open = Exchange.OpenOrders(reader, context.Sender, market.Id);
        if (open >= limits.MaxOpenOrders)
            return MsgResult.Fail(ResultCode.TooManyOpenOrders, $"{context.Sender} has {open} open orders in market {market.Id}, the most params.exchange.max_open_orders allows ({limits.MaxOpenOrders}); cancel one or wait for fills");
        uint actions = BlockCounters.Actions(view, context.Sender);
        if (actions >= limits.MaxActionsPerBlock)
            return MsgResult.Fail(ResultCode.RateLimited, $"{context.Sender} made {actions} placements and cancels in this block, the most params.exchange.max_actions_per_block allows ({limits.MaxActionsPerBlock}); send the rest in the next block");
        uint placements = BlockCounters.Placements(view);
        if (placements >= limits.MaxBlockOrders)
            return MsgResult.Fail(ResultCode.BatchFull, $"this block already holds {placements} placements, the most params.exchange.max_block_orders allows ({limits.MaxBlockOrders}); retry in the next block");

        ulong last = Exchange.LastOrderId(reader);
        if (last == ulong.MaxValue) return MsgResult.Fail(ResultCode.LimitExceeded, "order ids are exhausted");
        var order = new OrderState
        {
            Id = last + 1,
            MarketId = market.Id,
            Owner = context.Sender.ToByteString(),
            Side = place.Side,
            Price = priceAmount.ToString(),
            Quantity = quantityAmount.ToString(),
            Filled = "0",
            TimeInForce = place.TimeInForce,
            ExpireHeight = place.ExpireHeight,
            PlacedHeight = height,
            PlacedTxHash = context.TxHash.ToByteString(),
            MsgIndex = context.MsgIndex,
            Status = OrderStatus.Pending,
            PaidQuote = "0",
            Fees = "0",
            Priority = Priority(context.TxHash, context.MsgIndex).ToByteString(),
        };

        check = Lock(context, market, order, microshare, classId, price, quantity, lot, place);
        if (!check.IsOk) return check;

        Exchange.SetLastOrderId(view, order.Id);
        Exchange.PutOrder(view, order);
        Exchange.OrdersOf(context.Sender).Append(view, order.Id);
        Exchange.OrdersOf(context.Sender, market.Id).Append(view, order.Id);
        Exchange.AddOpenOrders(view, context.Sender, market.Id, +1);
        TransientList.Pending(market.Id).Append(view, ExchangeKeys.U64(order.Id));
        IdSet.Add(view, ExchangeKeys.PendingMarkets(), market.Id);
        if (order.TimeInForce == TimeInForce.Gth) Exchange.Expiring(order.ExpireHeight).Append(view, order.Id);
        foreach (var certificate in OrderClosing.Certificates(order)) CertificateIndex.Add(view, certificate, order.Id);
        BlockCounters.CountAction(view, context.Sender);
        BlockCounters.CountPlacement(view);
        context.Events.Add(ExchangeEvents.Order(order, context.Addresses));
        return MsgResult.Ok;
    }

    /// <summary>SHA-256("seratio/exchange-order-priority" || tx hash || message index, 4 bytes big-endian).</summary>
    public static Hash32 Priority(Hash32 txHash, uint msgIndex)
    {
        Span<byte> data = stackalloc byte[Hash32.Size + sizeof(uint)];
        txHash.CopyTo(data[..Hash32.Size]);
        BinaryPrimitives.WriteUInt32BigEndian(data[Hash32.Size..], msgIndex);
        return Hashing.Hash(Domains.ExchangeOrderPriority, data);
    }

    private static MsgResult Lock(in MsgContext context, MarketState market, OrderState order, bool microshare, ulong classId,
        BigInteger price, BigInteger quantity, BigInteger lot, MsgPlaceOrder place)
    {
        var view = context.State;
        if (order.Side == OrderSide.Sell && microshare)
        {
            var holding = Microshares.Microshares.GetHolding(view, context.Sender, classId);
            var check = LotPicker.Pick(context, classId, holding, ExchangeRules.ToAmount(quantity), place.LotIds, out var takes);
            if (!check.IsOk) return check;
            order.Lots.Add(LotEscrow.Lock(view, context.Sender, classId, takes));
            order.Locked = quantity.ToString(CultureInfo.InvariantCulture);
            return MsgResult.Ok;
        }
        string asset;
        BigInteger locked;
        if (order.Side == OrderSide.Buy)
        {
            asset = market.Quote;
            locked = ExchangeRules.BuyLock(price, quantity, lot, Math.Max(market.MakerFeeBps, market.TakerFeeBps));
        }
        else
        {
            asset = market.Base;
            locked = quantity;
        }
        if (!ExchangeRules.TryAmount(locked, out var amount))
            return MsgResult.Fail(ResultCode.InsufficientFunds, string.Create(CultureInfo.InvariantCulture, $"the order would lock {locked} {asset} base units, more than any balance can hold"));
        if (!Funds.TryMove(view, asset, context.Sender, Exchange.EscrowAddress, amount))
            return MsgResult.Fail(ResultCode.InsufficientFunds, string.Create(CultureInfo.InvariantCulture,
                $"{context.Sender} holds {Funds.Balance(view, asset, context.Sender)} {asset} base units, less than the {amount} this {ExchangeRules.SideName(order.Side)} locks ({LockText(order.Side, price, quantity, lot, market)}); fund the account or place a smaller order"));
        order.Locked = amount.ToString();
        return MsgResult.Ok;
    }

    private static string LockText(OrderSide side, BigInteger price, BigInteger quantity, BigInteger lot, MarketState market) =>
        side == OrderSide.Buy
            ? string.Create(CultureInfo.InvariantCulture,
                $"price × quantity {price * quantity} plus fee headroom {quantity / lot} lots × {ExchangeRules.Fee(price * lot, Math.Max(market.MakerFeeBps, market.TakerFeeBps))}")
            : "the quantity";

    private static MsgResult Check(MsgPlaceOrder place, out Amount price, out Amount quantity)
    {
        price = quantity = default;
        if (place.MarketId == 0) return Fields.Invalid("market_id is required (markets are numbered from 1)");
        if (place.Side is not (OrderSide.Buy or OrderSide.Sell)) return Fields.Invalid("side must be ORDER_SIDE_BUY or ORDER_SIDE_SELL");
        var check = Fields.RequireAmount(place.Price, "price", out price);
        if (!check.IsOk) return check;
        if (price.IsZero) return MsgResult.Fail(ResultCode.OffTick, "price is 0; it must be a positive multiple of the market's tick size");
        check = Fields.RequireAmount(place.Quantity, "quantity", out quantity);
        if (!check.IsOk) return check;
        if (quantity.IsZero) return MsgResult.Fail(ResultCode.OffLot, "quantity is 0; it must be a positive multiple of the market's lot size");
        if (place.TimeInForce is < TimeInForce.Gtc or > TimeInForce.PostOnly)
            return Fields.Invalid("time_in_force must be GTC, GTH, IOC, FOK or POST_ONLY (a market order is IOC with the worst acceptable price)");
        if (place.TimeInForce == TimeInForce.Gth && place.ExpireHeight == 0)
            return MsgResult.Fail(ResultCode.BadLifetime, "a good-till-height order needs expire_height: the last height it stays open");
        if (place.TimeInForce != TimeInForce.Gth && place.ExpireHeight != 0)
            return Fields.Invalid($"expire_height is {place.ExpireHeight} but only good-till-height orders expire; leave it 0 or use TIME_IN_FORCE_GTH");
        if (place.LotIds.Count > ExchangeRules.MaxLotIds) return Fields.Invalid($"lot_ids names {place.LotIds.Count} lots; the limit is {ExchangeRules.MaxLotIds}");
        if (place.LotIds.Count > 0 && place.Side != OrderSide.Sell) return Fields.Invalid("lot_ids are only for sells (of a microshare market)");
        for (int i = 0; i < place.LotIds.Count; i++)
        {
            if (place.LotIds[i] == 0) return Fields.Invalid($"lot_ids[{i}] is 0; lots are numbered from 1");
            for (int j = 0; j < i; j++)
                if (place.LotIds[j] == place.LotIds[i]) return Fields.Invalid($"lot_ids names lot {place.LotIds[i]} twice");
        }
        return MsgResult.Ok;
    }

    private static BigInteger Big(string stored) => ExchangeRules.Big(Exchange.Stored(stored, "market setting"));
}
