using System.Numerics;

namespace Seratio.Vm.Modules.Exchange.Matching;

/// <summary>
/// The part of the resting book one batch reads, and what it learned of the rest. Bids are read only while their
/// price is at least the lowest participating incoming sell, asks only while at most the highest participating
/// incoming buy (the book is uncrossed, so nothing deeper can trade); both sides alternately, one order each, at most
/// <c>cap</c> in total. <see cref="NextBid"/>/<see cref="NextAsk"/> are the best unread orders when they were looked at
/// (the one that stopped the walk, or the first of a side read only for post-only orders), else null.
/// <see cref="BidsCut"/>/<see cref="AsksCut"/>: the cap stopped that side while its next unread order could still cross.
/// Immutable once built.
/// </summary>
internal sealed record BookRead(
    IReadOnlyList<AuctionOrder> Bids,
    IReadOnlyList<AuctionOrder> Asks,
    AuctionOrder? NextBid,
    AuctionOrder? NextAsk,
    bool BidsCut,
    bool AsksCut)
{
    public int Count => Bids.Count + Asks.Count;

    /// <summary>
    /// Reads the book. <paramref name="lowestSell"/>/<paramref name="highestBuy"/>: the bounds from the participating
    /// incoming orders (null: no such order, so that side is not read for matching). <paramref name="wantBestBid"/>/
    /// <paramref name="wantBestAsk"/>: look at the best unread order of a side even if matching reads none of it
    /// (post-only orders need the post-batch book's best opposite price).
    /// </summary>
    public static BookRead Read(RestingWalk bids, RestingWalk asks, BigInteger? lowestSell, BigInteger? highestBuy,
        int cap, bool wantBestBid, bool wantBestAsk)
    {
        var readBids = new List<AuctionOrder>();
        var readAsks = new List<AuctionOrder>();
        bool bidsOn = lowestSell is not null, asksOn = highestBuy is not null;
        bool bidsCut = false, asksCut = false;
        while (bidsOn || asksOn)
        {
            if (bidsOn) bidsOn = Step(bids, readBids, o => o.Price >= lowestSell!.Value, readBids.Count + readAsks.Count, cap, ref bidsCut);
            if (asksOn) asksOn = Step(asks, readAsks, o => o.Price <= highestBuy!.Value, readBids.Count + readAsks.Count, cap, ref asksCut);
        }
        if (wantBestBid) bids.Peek();
        if (wantBestAsk) asks.Peek();
        return new BookRead(readBids, readAsks, bids.Pulled, asks.Pulled, bidsCut, asksCut);
    }

    /// <summary>Reads one order of a side if it may; false when the side is done (exhausted, out of bounds, or capped).</summary>
    private static bool Step(RestingWalk walk, List<AuctionOrder> read, Func<AuctionOrder, bool> inBounds, int total, int cap, ref bool cut)
    {
        var next = walk.Peek();
        if (next is null || !inBounds(next)) return false;
        if (total >= cap)
        {
            cut = true;
            return false;
        }
        read.Add(walk.Take());
        return true;
    }
}
