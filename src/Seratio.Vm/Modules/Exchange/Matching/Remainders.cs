using System.Numerics;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Exchange.Matching;

/// <summary>
/// What becomes of what the auction left unfilled, and of the post-only orders, after the last round. For an incoming
/// order's remainder, in this order of precedence: MATCH_LIMIT when it crosses the best unread resting order of a side
/// the work cap cut short (it could otherwise rest crossed); IOC_REMAINDER for IOC; DUST when remainder × price is below
/// the minimum order value; else it rests. A resting order partly filled to a dust remainder is cancelled DUST. Post-only
/// orders, in time priority, rest unless they cross the best opposite price of the post-batch book (the read resting
/// orders left, the unread best, and what rests from this batch, including post-only orders rested before them).
/// Mutable; owned by one <see cref="BatchAuction.Clear"/> call.
/// </summary>
internal sealed class Remainders(AuctionInput input, BookRead read, List<AuctionCancel> cancels)
{
    private readonly List<AuctionOrder> _toRest = [];
    private BigInteger? _bestBid = read.NextBid?.Price, _bestAsk = read.NextAsk?.Price;

    /// <summary>The incoming orders that rest, in time priority, with their remaining quantity.</summary>
    public List<AuctionOrder> ToRest
    {
        get
        {
            _toRest.Sort(OrderPriority.Time);
            return _toRest;
        }
    }

    /// <summary>Settles one book side's participants (book order), incoming and resting.</summary>
    public void Settle(IReadOnlyList<Participant> side)
    {
        foreach (var p in side)
        {
            var left = p.Unfilled;
            if (!p.Active || left.IsZero) continue;
            var order = p.Order;
            if (order.Resting)
            {
                if (!p.Fill.IsZero && IsDust(order.Price, left)) cancels.Add(Dust(order, left));
                else Offer(order.Side, order.Price);
                continue;
            }
            if (CrossesCutSide(order) is { } unread)
                cancels.Add(new AuctionCancel(order.Id, CancelReason.MatchLimit,
                    $"the block's matching work cap stopped reading the book before the resting {(order.Side == OrderSide.Buy ? "ask" : "bid")} at {unread}, which this order crosses: {left} of {order.Remaining} unfilled; resubmit"));
            else if (order.TimeInForce == TimeInForce.Ioc)
                cancels.Add(new AuctionCancel(order.Id, CancelReason.IocRemainder, $"immediate-or-cancel: {left} of {order.Remaining} unfilled"));
            else if (IsDust(order.Price, left))
                cancels.Add(Dust(order, left));
            else
                Rest(order with { Remaining = left });
        }
    }

    /// <summary>Places the post-only orders, which must be given in time priority, after every side is settled.</summary>
    public void PlacePostOnly(IReadOnlyList<AuctionOrder> postOnly)
    {
        foreach (var order in postOnly)
        {
            var opposite = order.Side == OrderSide.Buy ? _bestAsk : _bestBid;
            if (opposite is { } best && PriceLadder.Reaches(order, best))
                cancels.Add(new AuctionCancel(order.Id, CancelReason.PostOnlyWouldTake,
                    $"post-only: a {(order.Side == OrderSide.Buy ? "buy" : "sell")} at {order.Price} would take against the best {(order.Side == OrderSide.Buy ? "ask" : "bid")} {best}"));
            else if (IsDust(order.Price, order.Remaining))
                cancels.Add(Dust(order, order.Remaining));
            else
                Rest(order);
        }
    }

    private BigInteger? CrossesCutSide(AuctionOrder order)
    {
        var unread = order.Side == OrderSide.Buy ? (read.AsksCut ? read.NextAsk : null) : (read.BidsCut ? read.NextBid : null);
        return unread is not null && PriceLadder.Reaches(order, unread.Price) ? unread.Price : null;
    }

    private void Rest(AuctionOrder order)
    {
        _toRest.Add(order);
        Offer(order.Side, order.Price);
    }

    /// <summary>Notes a price that stays on the post-batch book.</summary>
    private void Offer(OrderSide side, BigInteger price)
    {
        if (side == OrderSide.Buy) _bestBid = _bestBid is { } bid && bid >= price ? bid : price;
        else _bestAsk = _bestAsk is { } ask && ask <= price ? ask : price;
    }

    private bool IsDust(BigInteger price, BigInteger quantity) => price * quantity < input.MinOrderValue;

    private AuctionCancel Dust(AuctionOrder order, BigInteger left) =>
        new(order.Id, CancelReason.Dust,
            $"the remainder {left} at {order.Price} is worth {left * order.Price}, below the market's minimum order value {input.MinOrderValue}");
}
