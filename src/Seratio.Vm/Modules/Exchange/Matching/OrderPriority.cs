namespace Seratio.Vm.Modules.Exchange.Matching;

/// <summary>
/// The orders of priority the auction uses, never the order of transactions in a block: time priority is
/// <see cref="AuctionOrder.Height"/>, then <see cref="AuctionOrder.Priority"/> (unsigned bytewise), then
/// <see cref="AuctionOrder.Id"/>; a book side adds price priority in front of it. Stateless; thread safe.
/// </summary>
internal static class OrderPriority
{
    /// <summary>The canonical order of a batch's incoming orders: (Priority, Id). The input's own order never matters.</summary>
    public static readonly Comparison<AuctionOrder> Canonical = (a, b) =>
    {
        int c = a.Priority.CompareTo(b.Priority);
        return c != 0 ? c : a.Id.CompareTo(b.Id);
    };

    /// <summary>Time priority: older heights first, then Priority, then Id.</summary>
    public static readonly Comparison<AuctionOrder> Time = (a, b) =>
    {
        int c = a.Height.CompareTo(b.Height);
        return c != 0 ? c : Canonical(a, b);
    };

    /// <summary>Bids best first: highest price, then time priority.</summary>
    public static readonly Comparison<AuctionOrder> Bids = (a, b) =>
    {
        int c = b.Price.CompareTo(a.Price);
        return c != 0 ? c : Time(a, b);
    };

    /// <summary>Asks best first: lowest price, then time priority.</summary>
    public static readonly Comparison<AuctionOrder> Asks = (a, b) =>
    {
        int c = a.Price.CompareTo(b.Price);
        return c != 0 ? c : Time(a, b);
    };

    /// <summary>The book order of one side.</summary>
    public static Comparison<AuctionOrder> Book(Protocol.OrderSide side) => side == Protocol.OrderSide.Buy ? Bids : Asks;
}
