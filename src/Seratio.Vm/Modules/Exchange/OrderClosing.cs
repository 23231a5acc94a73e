using Seratio.Core.Addressing;
using Seratio.Core.Numerics;
using Seratio.Protocol;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Exchange;

/// <summary>
/// Ends an order's life (filled, cancelled or expired), in the handler that cancels it or in the batch: it leaves the
/// book or the block's pending list, escrow returns everything the order still has locked (quote of a buy, base units or
/// lots of a sell: no dust stays in escrow), its owner's open count and the certificate index forget it, and one
/// "exchange.order" event says what became of it. The caller writes <paramref name="market"/> afterwards.
/// Stateless; thread safe.
/// </summary>
internal static class OrderClosing
{
    public static void Close(IStateView view, MarketState market, OrderState order, OrderStatus status, CancelReason reason, string detail,
        ulong height, List<Event> events, AddressText addresses)
    {
        var remaining = Remaining(order);
        if (order.Status == OrderStatus.Open)
        {
            OrderBook.Remove(view, order, remaining);
            market.OpenOrders--;
        }
        else if (order.Status == OrderStatus.Pending)
        {
            IdSet.Remove(view, ExchangeKeys.Pending(market.Id), order.Id);
        }
        else
        {
            throw new InvalidOperationException($"order {order.Id} is already closed ({order.Status})");
        }

        var owner = new Address(order.Owner.Span);
        bool microshare = Exchange.IsMicroshare(market.Base, out ulong classId);
        if (order.Side == OrderSide.Sell && microshare)
        {
            foreach (var certificate in Certificates(order)) CertificateIndex.Remove(view, certificate, order.Id);
            LotEscrow.Return(view, order, classId);
        }
        else
        {
            var asset = order.Side == OrderSide.Buy ? market.Quote : market.Base;
            Funds.Move(view, asset, Exchange.EscrowAddress, owner, Exchange.Stored(order.Locked, "order lock"));
        }
        order.Locked = "0";
        order.Status = status;
        order.CancelReason = reason;
        order.CancelDetail = detail;
        order.ClosedHeight = height;
        order.LevelChunk = 0;
        Exchange.AddOpenOrders(view, owner, market.Id, -1);
        Exchange.PutOrder(view, order);
        events.Add(ExchangeEvents.Order(order, addresses));
    }

    public static Amount Remaining(OrderState order) =>
        Exchange.Stored(order.Quantity, "order quantity") - Exchange.Stored(order.Filled, "order fill");

    /// <summary>The distinct certificates of the lots an order holds, ascending.</summary>
    public static SortedSet<ulong> Certificates(OrderState order)
    {
        var set = new SortedSet<ulong>();
        foreach (var lot in order.Lots) set.Add(lot.CertificateId);
        return set;
    }
}
