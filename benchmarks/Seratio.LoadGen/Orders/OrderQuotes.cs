using Seratio.Protocol;

namespace Seratio.LoadGen.Orders;

/// <summary>
/// The orders the load's traders place in the mix's market: even accounts buy and odd accounts sell (so no
/// trader ever meets its own order and self-trade prevention stays out of the figures), each at a limit
/// price some ticks from a fixed mid on its own side, −2 to +9 ticks away uniformly: about a quarter of the
/// placements are at or through the mid, where the opposite side rests or arrives, and trade; the rest rest,
/// building a book of both sides. Quantities are 1 to 5 lots. A pure function of (account, action index),
/// so a run's orders are the same every time. Thread safe (immutable).
/// </summary>
internal static class OrderQuotes
{
    /// <summary>The market's price step, in quote base units (SER micro units) per base unit.</summary>
    public const ulong Tick = 10;
    /// <summary>The market's quantity step, in base units.</summary>
    public const ulong Lot = 1;
    /// <summary>The market's least order value (and resting remainder), in quote base units: one lot at 100 ticks.</summary>
    public const ulong MinOrderValue = 1_000;
    public const uint MakerFeeBps = 5;
    public const uint TakerFeeBps = 10;
    /// <summary>The mid price the traders quote around: 1,000 ticks.</summary>
    public const ulong Mid = 1_000 * Tick;
    /// <summary>Nearest a quote gets to the other side: 2 ticks through the mid.</summary>
    public const int DeepestCross = 2;
    /// <summary>Distinct distances from the mid a quote takes, from −<see cref="DeepestCross"/> to 9 ticks.</summary>
    public const int Distances = 12;
    public const int MaxLots = 5;

    /// <summary>The side, limit price and quantity of the <paramref name="action"/>-th placement of <paramref name="account"/>.</summary>
    public static (OrderSide Side, ulong Price, ulong Quantity) For(int account, long action)
    {
        ulong r = Mix(((ulong)(uint)account << 32) ^ (ulong)action);
        var side = account % 2 == 0 ? OrderSide.Buy : OrderSide.Sell;
        long ticksAway = (long)(r % Distances) - DeepestCross; // < 1: at or through the mid
        ulong price = side == OrderSide.Buy ? (ulong)((long)Mid - ticksAway * (long)Tick) : (ulong)((long)Mid + ticksAway * (long)Tick);
        ulong lots = 1 + (r >> 16) % MaxLots;
        return (side, price, lots * Lot);
    }

    /// <summary>Whether a quote at <paramref name="price"/> on <paramref name="side"/> reaches the mid or beyond it (it can trade on arrival).</summary>
    public static bool IsAggressive(OrderSide side, ulong price) => side == OrderSide.Buy ? price >= Mid : price <= Mid;

    /// <summary>SplitMix64's finaliser: spreads consecutive inputs over the whole range.</summary>
    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
