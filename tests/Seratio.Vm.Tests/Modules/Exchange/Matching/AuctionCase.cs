using System.Numerics;
using System.Text;
using CsCheck;
using Seratio.Protocol;
using Seratio.Vm.Modules.Exchange.Matching;

namespace Seratio.Vm.Tests.Modules.Exchange.Matching;

/// <summary>
/// One generated batch: an uncrossed resting book (bids below a mid price, asks at or above it, best first) and incoming
/// orders around it, from four owners, so that crossing, self-trades, FOK removals, dust and the work cap all happen
/// often. Materialised lists, so a case can be cleared again (permuted) and checked against. Immutable.
/// </summary>
internal sealed record AuctionCase(
    IReadOnlyList<AuctionOrder> Incoming,
    IReadOnlyList<AuctionOrder> Bids,
    IReadOnlyList<AuctionOrder> Asks,
    BigInteger Lot,
    BigInteger MinOrderValue,
    BigInteger? LastPrice,
    int MaxRestingReads,
    int PermutationSeed)
{
    private static readonly string[] Owners = ["ann", "ben", "cat", "dan"];
    private static readonly TimeInForce[] Tifs = [TimeInForce.Gtc, TimeInForce.Gth, TimeInForce.Ioc, TimeInForce.Fok, TimeInForce.PostOnly];

    public AuctionInput Input(IEnumerable<AuctionOrder>? bids = null, IEnumerable<AuctionOrder>? asks = null) =>
        new(Incoming, bids ?? Bids, asks ?? Asks, Lot, MinOrderValue, LastPrice, MaxRestingReads);

    /// <summary>The same case with its incoming orders in another (seeded) order.</summary>
    public AuctionCase Permuted()
    {
        var shuffled = Incoming.ToArray();
        new Random(PermutationSeed).Shuffle(shuffled);
        return this with { Incoming = shuffled };
    }

    public IEnumerable<AuctionOrder> All => Incoming.Concat(Bids).Concat(Asks);

    public AuctionOrder Order(ulong id) => All.Single(o => o.Id == id);

    // (depth from the mid, lots, height, owner, priority)
    private static readonly Gen<(int, int, int, int, ulong)> Resting =
        CsCheck.Gen.Select(CsCheck.Gen.Int[0, 6], CsCheck.Gen.Int[1, 4], CsCheck.Gen.Int[1, 4], CsCheck.Gen.Int[0, 3], CsCheck.Gen.ULong[0, 40]);

    // (buy, price, lots, time in force, owner, priority)
    private static readonly Gen<(bool, int, int, int, int, ulong)> New =
        CsCheck.Gen.Select(CsCheck.Gen.Bool, CsCheck.Gen.Int[90, 110], CsCheck.Gen.Int[1, 6], CsCheck.Gen.Int[0, 4], CsCheck.Gen.Int[0, 3], CsCheck.Gen.ULong[0, 40]);

    public static readonly Gen<AuctionCase> Gen =
        from lot in CsCheck.Gen.OneOf(CsCheck.Gen.Const(1), CsCheck.Gen.Const(10))
        from mid in CsCheck.Gen.Int[96, 104]
        from bids in Resting.Array[0, 10]
        from asks in Resting.Array[0, 10]
        from incoming in New.Array[0, 12]
        from minValue in CsCheck.Gen.OneOf(CsCheck.Gen.Const(1), CsCheck.Gen.Const(250), CsCheck.Gen.Const(600))
        from last in CsCheck.Gen.Int[85, 110]
        from cap in CsCheck.Gen.OneOf(CsCheck.Gen.Int[0, 12], CsCheck.Gen.Const(1_000))
        from seed in CsCheck.Gen.Int
        select Build(lot, mid, bids, asks, incoming, minValue, last, cap, seed);

    private static AuctionCase Build(int lot, int mid, (int, int, int, int, ulong)[] bids, (int, int, int, int, ulong)[] asks,
        (bool, int, int, int, int, ulong)[] incoming, int minValue, int last, int cap, int seed)
    {
        ulong id = 1;
        AuctionOrder RestingOrder((int Depth, int Lots, int Height, int Owner, ulong Priority) r, OrderSide side) =>
            new(id++, AuctionBuilder.Owner(Owners[r.Owner]), side, side == OrderSide.Buy ? mid - 1 - r.Depth : mid + r.Depth,
                (BigInteger)r.Lots * lot, TimeInForce.Gtc, true, (ulong)r.Height, AuctionBuilder.PriorityOf(r.Priority));
        var bidOrders = bids.Select(b => RestingOrder(b, OrderSide.Buy)).ToList();
        var askOrders = asks.Select(a => RestingOrder(a, OrderSide.Sell)).ToList();
        bidOrders.Sort((a, b) => OrderPriority.Bids(a, b));
        askOrders.Sort((a, b) => OrderPriority.Asks(a, b));
        var news = incoming.Select(n => new AuctionOrder(id++, AuctionBuilder.Owner(Owners[n.Item5]), n.Item1 ? OrderSide.Buy : OrderSide.Sell,
            n.Item2, (BigInteger)n.Item3 * lot, Tifs[n.Item4], false, AuctionBuilder.BatchHeight, AuctionBuilder.PriorityOf(n.Item6))).ToList();
        return new AuctionCase(news, bidOrders, askOrders, lot, minValue, last < 90 ? null : last, cap, seed);
    }

    public override string ToString()
    {
        var text = new StringBuilder($"lot {Lot}, min value {MinOrderValue}, last {LastPrice?.ToString() ?? "none"}, cap {MaxRestingReads}\n");
        foreach (var (name, list) in new[] { ("incoming", Incoming), ("bids", Bids), ("asks", Asks) })
            text.Append(name).Append(": ").AppendJoin(", ", list.Select(Describe)).Append('\n');
        return text.ToString();
    }

    public static string Describe(AuctionOrder o) =>
        $"#{o.Id} {Owners.FirstOrDefault(n => AuctionBuilder.Owner(n) == o.Owner) ?? o.Owner.ToString()} {(o.Side == OrderSide.Buy ? "buy" : "sell")} {o.Price}×{o.Remaining} {o.TimeInForce} h{o.Height}";
}
