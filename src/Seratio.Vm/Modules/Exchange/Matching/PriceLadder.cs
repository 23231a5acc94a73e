using System.Numerics;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Exchange.Matching;

/// <summary>The clearing price of one round and the demand D and supply S there; <see cref="Volume"/> = min(D, S) &gt; 0.</summary>
internal sealed record Clearing(BigInteger Price, BigInteger Demand, BigInteger Supply)
{
    public BigInteger Volume => BigInteger.Min(Demand, Supply);
}

/// <summary>
/// The distinct limit prices of a batch's participants, ascending, and the search for the clearing price over them.
/// Candidates are the prices at which some still active participant has its limit; V(p) = min(D(p), S(p)) with
/// D(p) = Σ remaining of active buys priced ≥ p and S(p) = Σ remaining of active sells priced ≤ p. The best candidate
/// has the largest V, then the least |D − S|, then the least distance to the last price (when there is one), then the
/// lowest price. One round costs O(n) after the O(n log n) build. Immutable after construction (it assigns each
/// participant's <see cref="Participant.PriceIndex"/> once).
/// </summary>
internal sealed class PriceLadder
{
    private readonly BigInteger[] _prices;

    public PriceLadder(IReadOnlyList<Participant> buys, IReadOnlyList<Participant> sells)
    {
        var prices = new BigInteger[buys.Count + sells.Count];
        int k = 0;
        foreach (var p in buys) prices[k++] = p.Order.Price;
        foreach (var p in sells) prices[k++] = p.Order.Price;
        Array.Sort(prices);
        int distinct = 0;
        for (int i = 0; i < prices.Length; i++)
            if (distinct == 0 || prices[i] != prices[distinct - 1]) prices[distinct++] = prices[i];
        _prices = prices[..distinct];
        foreach (var p in buys) p.PriceIndex = Array.BinarySearch(_prices, p.Order.Price);
        foreach (var p in sells) p.PriceIndex = Array.BinarySearch(_prices, p.Order.Price);
    }

    /// <summary>The clearing price among the active participants, or null when no volume can trade at any price.</summary>
    public Clearing? Clear(IReadOnlyList<Participant> buys, IReadOnlyList<Participant> sells, BigInteger? lastPrice)
    {
        var buyVolume = new BigInteger[_prices.Length];
        var sellVolume = new BigInteger[_prices.Length];
        BigInteger demand = BigInteger.Zero, supply = BigInteger.Zero;
        foreach (var p in buys)
            if (p.Active) { buyVolume[p.PriceIndex] += p.Order.Remaining; demand += p.Order.Remaining; }
        foreach (var p in sells)
            if (p.Active) sellVolume[p.PriceIndex] += p.Order.Remaining;

        Clearing? best = null;
        BigInteger bestImbalance = BigInteger.Zero, bestDistance = BigInteger.Zero;
        for (int i = 0; i < _prices.Length; i++)
        {
            bool candidate = !buyVolume[i].IsZero || !sellVolume[i].IsZero;
            supply += sellVolume[i];
            if (candidate)
            {
                var volume = BigInteger.Min(demand, supply);
                var imbalance = BigInteger.Abs(demand - supply);
                var distance = lastPrice is { } last ? BigInteger.Abs(_prices[i] - last) : BigInteger.Zero;
                if (best is null || Better(volume, imbalance, distance, best.Volume, bestImbalance, bestDistance))
                {
                    best = new Clearing(_prices[i], demand, supply);
                    (bestImbalance, bestDistance) = (imbalance, distance);
                }
            }
            demand -= buyVolume[i]; // D(p) counts buys priced ≥ p: the next price up no longer sees this level's buys
        }
        return best is null || best.Volume.IsZero ? null : best;
    }

    /// <summary>Strictly better on (volume ↑, imbalance ↓, distance ↓); on a full tie the lower price, met first, stays.</summary>
    private static bool Better(BigInteger volume, BigInteger imbalance, BigInteger distance,
        BigInteger bestVolume, BigInteger bestImbalance, BigInteger bestDistance)
    {
        int c = volume.CompareTo(bestVolume);
        if (c != 0) return c > 0;
        c = imbalance.CompareTo(bestImbalance);
        if (c != 0) return c < 0;
        return distance < bestDistance;
    }

    /// <summary>Whether an order's limit reaches a price: a buy priced at least it, a sell priced at most it.</summary>
    public static bool Reaches(AuctionOrder order, BigInteger price) =>
        order.Side == OrderSide.Buy ? order.Price >= price : order.Price <= price;
}
