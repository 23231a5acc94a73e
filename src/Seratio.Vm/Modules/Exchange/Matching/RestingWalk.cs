using System.Numerics;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Exchange.Matching;

/// <summary>
/// One side of the resting book read lazily, best first, with one order of look-ahead: <see cref="Peek"/> pulls the next
/// order from the sequence at most once, <see cref="Take"/> consumes it. Checks as it reads that the sequence is what
/// <see cref="AuctionInput"/> promises (this side, resting, a positive multiple of the lot, best price first); a broken
/// promise is a bug of the caller and throws. Mutable; owned by one <see cref="BatchAuction.Clear"/> call.
/// </summary>
internal sealed class RestingWalk(IEnumerable<AuctionOrder> orders, OrderSide side, BigInteger lot) : IDisposable
{
    private readonly IEnumerator<AuctionOrder> _orders = orders.GetEnumerator();
    private AuctionOrder? _next;
    private AuctionOrder? _last;
    private bool _ended;

    /// <summary>The next unread order (pulling it if not yet pulled), or null when the side has no more.</summary>
    public AuctionOrder? Peek()
    {
        if (_next is null && !_ended)
        {
            if (_orders.MoveNext()) _next = Check(_orders.Current);
            else _ended = true;
        }
        return _next;
    }

    /// <summary>The next unread order if it was already pulled; never pulls.</summary>
    public AuctionOrder? Pulled => _next;

    public AuctionOrder Take()
    {
        var order = Peek() ?? throw new InvalidOperationException("No resting order left to take.");
        _next = null;
        _last = order;
        return order;
    }

    public void Dispose() => _orders.Dispose();

    private AuctionOrder Check(AuctionOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.Side != side || !order.Resting)
            throw new InvalidOperationException($"Resting order {order.Id} is in the {side} sequence but is {(order.Resting ? "" : "not resting, ")}side {order.Side}.");
        BatchAuction.CheckAmounts(order, lot);
        if (_last is not null && OrderPriority.Book(side)(_last, order) > 0)
            throw new InvalidOperationException($"Resting {side} orders must come best first: {order.Id} at {order.Price} came after {_last.Id} at {_last.Price}.");
        return order;
    }
}
