using System.Numerics;

namespace Seratio.Vm.Modules.Exchange.Matching;

/// <summary>
/// Turns a round's fills into trades: the filled buys (price desc, then time priority) and the filled sells (price asc,
/// then time priority) walked by two pointers, each pair trading the least of what both still have to fill. Every trade
/// is a positive multiple of the lot because every fill is. Stateless; thread safe.
/// </summary>
internal static class TradePairing
{
    /// <param name="buys">Buys in book order.</param>
    /// <param name="sells">Sells in book order.</param>
    public static List<AuctionTrade> Pair(IReadOnlyList<Participant> buys, IReadOnlyList<Participant> sells)
    {
        var trades = new List<AuctionTrade>();
        int b = 0, s = 0;
        BigInteger buyLeft = BigInteger.Zero, sellLeft = BigInteger.Zero;
        while (true)
        {
            while (buyLeft.IsZero && b < buys.Count) buyLeft = buys[b++].Fill;
            while (sellLeft.IsZero && s < sells.Count) sellLeft = sells[s++].Fill;
            if (buyLeft.IsZero || sellLeft.IsZero) break;
            var quantity = BigInteger.Min(buyLeft, sellLeft);
            trades.Add(new AuctionTrade(buys[b - 1].Order.Id, sells[s - 1].Order.Id, quantity));
            buyLeft -= quantity;
            sellLeft -= quantity;
        }
        if (!buyLeft.IsZero || !sellLeft.IsZero || b < buys.Count && Rest(buys, b) || s < sells.Count && Rest(sells, s))
            throw new InvalidOperationException("Buy and sell fills of the batch do not add up to the same volume.");
        return trades;
    }

    private static bool Rest(IReadOnlyList<Participant> side, int from)
    {
        for (int i = from; i < side.Count; i++)
            if (!side[i].Fill.IsZero) return true;
        return false;
    }
}
