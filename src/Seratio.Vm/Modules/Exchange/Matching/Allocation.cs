using System.Numerics;

namespace Seratio.Vm.Modules.Exchange.Matching;

/// <summary>
/// Who fills how much at the clearing price. The short side (sells when S ≤ D, else buys) fills wholly: every active
/// order of it whose limit reaches the price. The long side receives that volume by price priority, each price level
/// wholly while it fits; within the marginal level by time priority between heights (older first, each height group
/// wholly while it fits); within the marginal height group pro rata in whole lots (<see cref="ProRata"/>). Stateless;
/// thread safe (it writes only the participants it is given).
/// </summary>
internal static class Allocation
{
    /// <summary>Sets every participant's <see cref="Participant.Fill"/> for this round (0 when it does not fill).</summary>
    /// <param name="buys">Buys in book order (price desc, then time priority).</param>
    /// <param name="sells">Sells in book order (price asc, then time priority).</param>
    public static void Allocate(IReadOnlyList<Participant> buys, IReadOnlyList<Participant> sells, Clearing? clearing, BigInteger lot)
    {
        foreach (var p in buys) p.Fill = BigInteger.Zero;
        foreach (var p in sells) p.Fill = BigInteger.Zero;
        if (clearing is null) return;
        bool sellsShort = clearing.Supply <= clearing.Demand;
        var (shortSide, longSide) = sellsShort ? (sells, buys) : (buys, sells);
        foreach (var p in shortSide)
            if (p.Active && PriceLadder.Reaches(p.Order, clearing.Price)) p.Fill = p.Order.Remaining;
        FillLong(longSide, clearing.Price, clearing.Volume, lot);
    }

    private static void FillLong(IReadOnlyList<Participant> side, BigInteger price, BigInteger volume, BigInteger lot)
    {
        var left = volume;
        for (int start = 0; start < side.Count && !left.IsZero && PriceLadder.Reaches(side[start].Order, price);)
        {
            int end = start;
            var level = BigInteger.Zero;
            for (; end < side.Count && side[end].Order.Price == side[start].Order.Price; end++)
                if (side[end].Active) level += side[end].Order.Remaining;
            if (level <= left)
            {
                FillWholly(side, start, end);
                left -= level;
            }
            else
            {
                FillMarginalLevel(side, start, end, left, lot);
                left = BigInteger.Zero;
            }
            start = end;
        }
        if (!left.IsZero) throw new InvalidOperationException($"The long side could not take the volume {volume} at {price}: {left} left.");
    }

    /// <summary>Height groups in time priority (the level is sorted by height first), wholly while they fit, then pro rata.</summary>
    private static void FillMarginalLevel(IReadOnlyList<Participant> side, int start, int end, BigInteger left, BigInteger lot)
    {
        for (int g = start; g < end && !left.IsZero;)
        {
            int groupEnd = g;
            var total = BigInteger.Zero;
            for (; groupEnd < end && side[groupEnd].Order.Height == side[g].Order.Height; groupEnd++)
                if (side[groupEnd].Active) total += side[groupEnd].Order.Remaining;
            if (total <= left)
            {
                FillWholly(side, g, groupEnd);
                left -= total;
            }
            else
            {
                var group = new List<Participant>(groupEnd - g);
                for (int i = g; i < groupEnd; i++)
                    if (side[i].Active) group.Add(side[i]);
                ProRata.Share(group, left / lot, lot);
                left = BigInteger.Zero;
            }
            g = groupEnd;
        }
    }

    private static void FillWholly(IReadOnlyList<Participant> side, int start, int end)
    {
        for (int i = start; i < end; i++)
            if (side[i].Active) side[i].Fill = side[i].Order.Remaining;
    }
}
