using System.Numerics;

namespace Seratio.Vm.Modules.Exchange.Matching;

/// <summary>
/// Shares whole lots among one height group at the marginal price: each order first gets floor(lots_i × available /
/// group_lots), then the lots left over go one each to the largest remainders (lots_i × available mod group_lots),
/// ties by Priority, then Id. Exact integer arithmetic; the shares sum to <c>available</c> and none exceeds its order
/// (available &lt; group_lots). Stateless; thread safe.
/// </summary>
internal static class ProRata
{
    public static void Share(IReadOnlyList<Participant> group, BigInteger availableLots, BigInteger lot)
    {
        var groupLots = BigInteger.Zero;
        foreach (var p in group) groupLots += p.Order.Remaining / lot;
        if (availableLots.Sign < 0 || availableLots >= groupLots)
            throw new InvalidOperationException($"Pro rata needs 0 ≤ available ({availableLots}) < group lots ({groupLots}).");

        var shares = new (Participant Order, BigInteger Lots, BigInteger Remainder)[group.Count];
        var leftover = availableLots;
        for (int i = 0; i < group.Count; i++)
        {
            var lots = BigInteger.DivRem(group[i].Order.Remaining / lot * availableLots, groupLots, out var remainder);
            shares[i] = (group[i], lots, remainder);
            leftover -= lots;
        }
        Array.Sort(shares, (a, b) =>
        {
            int c = b.Remainder.CompareTo(a.Remainder);
            return c != 0 ? c : OrderPriority.Canonical(a.Order.Order, b.Order.Order);
        });
        for (int i = 0; i < shares.Length; i++)
            shares[i].Order.Fill = (shares[i].Lots + (i < leftover ? BigInteger.One : BigInteger.Zero)) * lot;
    }
}
