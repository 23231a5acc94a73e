using Seratio.Core.Addressing;
using Seratio.Core.Chain;
using Seratio.Core.Numerics;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Exchange;

/// <summary>
/// <see cref="MsgCancelOrder"/>: the order's owner cancels it at once (also on a halted market): a pending order leaves
/// this block's batch, a resting one its level; escrow returns everything still locked; reason BY_OWNER. Refusals:
/// NOT_FOUND, NOT_ORDER_OWNER, ORDER_CLOSED, RATE_LIMITED (cancels count with placements). Permission
/// <see cref="Permission.AnySigner"/>; gas <see cref="GasCost"/>; emits "exchange.order" (cancelled). Stateless; thread safe.
/// </summary>
public sealed class CancelOrderHandler : IMsgHandler
{
    public const ulong GasCost = 20_000;

    public Msg.KindOneofCase Kind => Msg.KindOneofCase.CancelOrder;
    public string Name => "cancel-order";
    public Permission Permission => Permission.AnySigner;
    public ulong Gas(ChainParams p) => GasCost;
    public Amount MaxSerSpend(Msg msg) => Amount.Zero;

    public MsgResult Validate(Msg msg, ChainParams p) =>
        msg.CancelOrder.OrderId == 0 ? Fields.Invalid("order_id is required (orders are numbered from 1)") : MsgResult.Ok;

    public MsgResult Execute(Msg msg, in MsgContext context)
    {
        var cancel = msg.CancelOrder;
        var check = Validate(msg, context.Block.Params);
        if (!check.IsOk) return check;
        var view = context.State;
        var reader = new ViewReader(view);
        var order = Exchange.GetOrder(reader, cancel.OrderId);
        if (order is null) return MsgResult.Fail(ResultCode.NotFound, $"order {cancel.OrderId} does not exist; check the id (ListOrders)");
        if (new Address(order.Owner.Span) != context.Sender)
            return MsgResult.Fail(ResultCode.NotOrderOwner, $"order {order.Id} belongs to {new Address(order.Owner.Span)}; only the account that placed an order may cancel it");
        if (order.Status is not (OrderStatus.Pending or OrderStatus.Open))
            return MsgResult.Fail(ResultCode.OrderClosed, $"order {order.Id} is already {ExchangeEvents.StatusName(order.Status)} (at height {order.ClosedHeight}); nothing is left to cancel");
        var limits = context.Block.Params.ExchangeOrDefault;
        uint actions = BlockCounters.Actions(view, context.Sender);
        if (actions >= limits.MaxActionsPerBlock)
            return MsgResult.Fail(ResultCode.RateLimited, $"{context.Sender} made {actions} placements and cancels in this block, the most params.exchange.max_actions_per_block allows ({limits.MaxActionsPerBlock}); cancel in the next block");
        var market = Exchange.GetMarket(reader, order.MarketId)
                     ?? throw new InvalidDataException($"order {order.Id} names market {order.MarketId}, which state does not hold");
        OrderClosing.Close(view, market, order, OrderStatus.Cancelled, CancelReason.ByOwner, "", context.Block.Height, context.Events, context.Addresses);
        Exchange.PutMarket(view, market);
        BlockCounters.CountAction(view, context.Sender);
        return MsgResult.Ok;
    }
}
