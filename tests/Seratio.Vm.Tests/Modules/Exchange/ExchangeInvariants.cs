using System.Globalization;
using System.Numerics;
using Seratio.Core.Addressing;
using Seratio.Protocol;
using Seratio.Vm.Modules.Exchange;
using Seratio.Vm.Tests.Support;
using Ex = Seratio.Vm.Modules.Exchange.Exchange;
using Ms = Seratio.Vm.Modules.Microshares.Microshares;

namespace Seratio.Vm.Tests.Modules.Exchange;

/// <summary>
/// The exchange's invariants as checks that return violations (empty = holds), so that a test can also feed them a
/// corrupted state and see each one report it. <see cref="World"/> names the accounts and markets a scenario uses.
/// </summary>
public static class ExchangeInvariants
{
    /// <summary>Every account a scenario can move value to, the markets and the microshare class it trades.</summary>
    public sealed record World(IReadOnlyList<Address> Accounts, ulong Markets, ulong ClassId)
    {
        public IEnumerable<Address> AllHolders => Accounts.Append(Ex.EscrowAddress).Append(Ex.TreasuryAddress);
    }

    /// <summary>What is conserved: SER and GREEN totals over every holder, and the class's minted − burned.</summary>
    public sealed record Totals(BigInteger Ser, BigInteger Green);

    public static Totals Measure(MemoryState state, World world) => new(
        world.AllHolders.Aggregate(BigInteger.Zero, (sum, a) => sum + (BigInteger)state.Account(a).Balance.Value),
        world.AllHolders.Aggregate(BigInteger.Zero, (sum, a) => sum + (BigInteger)ExMsgs.GreenOf(state, a).Value));

    public static IEnumerable<OrderState> Orders(MemoryState state)
    {
        ulong last = Ex.LastOrderId(state);
        for (ulong id = 1; id <= last; id++) yield return Ex.GetOrder(state, id)!;
    }

    private static BigInteger Big(string text) => text.Length == 0 ? 0 : BigInteger.Parse(text, CultureInfo.InvariantCulture);

    private static bool IsOpen(OrderState o) => o.Status is OrderStatus.Open or OrderStatus.Pending;

    /// <summary>Per asset, Σ holders + escrow + treasury is what it was; escrow holds exactly what open orders locked; microshares: Σ holdings + locked lots = minted − burned.</summary>
    public static List<string> Conservation(MemoryState state, World world, Totals initial)
    {
        var violations = new List<string>();
        var now = Measure(state, world);
        if (now.Ser != initial.Ser) violations.Add($"SER total is {now.Ser}, was {initial.Ser}");
        if (now.Green != initial.Green) violations.Add($"GREEN total is {now.Green}, was {initial.Green}");
        var lockedSer = BigInteger.Zero;
        var lockedGreen = BigInteger.Zero;
        var lockedUnits = BigInteger.Zero;
        foreach (var order in Orders(state).Where(IsOpen))
        {
            var market = Ex.GetMarket(state, order.MarketId)!;
            var asset = order.Side == OrderSide.Buy ? market.Quote : market.Base;
            if (asset == "SER") lockedSer += Big(order.Locked);
            else if (asset == "GREEN") lockedGreen += Big(order.Locked);
            else
            {
                var lots = order.Lots.Aggregate(BigInteger.Zero, (s, l) => s + Big(l.Units));
                if (lots != Big(order.Locked)) violations.Add($"order {order.Id} locks {order.Locked} units but holds lots of {lots}");
                lockedUnits += lots;
            }
        }
        if ((BigInteger)state.Account(Ex.EscrowAddress).Balance.Value != lockedSer)
            violations.Add($"escrow holds {state.Account(Ex.EscrowAddress).Balance} SER but open orders lock {lockedSer}");
        if ((BigInteger)ExMsgs.GreenOf(state, Ex.EscrowAddress).Value != lockedGreen)
            violations.Add($"escrow holds {ExMsgs.GreenOf(state, Ex.EscrowAddress)} GREEN but open orders lock {lockedGreen}");
        var c = Ms.GetClass(state, world.ClassId)!;
        var held = world.AllHolders.Aggregate(BigInteger.Zero, (s, a) => s + Ms.GetHolding(state, a, world.ClassId).Lots.Aggregate(BigInteger.Zero, (t, l) => t + Big(l.Units)));
        if (held + lockedUnits != Big(c.UnitsMinted) - Big(c.UnitsBurned))
            violations.Add($"class {world.ClassId}: holdings {held} + locked lots {lockedUnits} ≠ minted {c.UnitsMinted} − burned {c.UnitsBurned}");
        return violations;
    }

    /// <summary>No resting bid at or above a resting ask; each level's totals are its open orders'; open orders rest, no order is left pending.</summary>
    public static List<string> Book(MemoryState state, World world)
    {
        var violations = new List<string>();
        for (ulong m = 1; m <= world.Markets; m++)
        {
            var bid = OrderBook.BestPrice(state, m, OrderSide.Buy);
            var ask = OrderBook.BestPrice(state, m, OrderSide.Sell);
            if (bid is { } b && ask is { } a && b >= a) violations.Add($"market {m} is crossed: best bid {b} ≥ best ask {a}");
            foreach (var side in new[] { OrderSide.Buy, OrderSide.Sell })
            {
                var resting = Orders(state).Where(o => o.MarketId == m && o.Side == side && o.Status == OrderStatus.Open).ToList();
                var levels = Ex.Levels(state, m, side, int.MaxValue);
                var expected = resting.GroupBy(o => Big(o.Price)).ToDictionary(g => g.Key, g => (Sum: g.Sum(o => (decimal)(Big(o.Quantity) - Big(o.Filled))), Count: g.Count()));
                if (levels.Count != expected.Count) violations.Add($"market {m} {side}: {levels.Count} levels for {expected.Count} resting prices");
                foreach (var level in levels)
                    if (!expected.TryGetValue(Big(level.Price), out var e) || e.Sum != decimal.Parse(level.Quantity, CultureInfo.InvariantCulture) || e.Count != level.Orders)
                        violations.Add($"market {m} {side} level {level.Price} says {level.Quantity} in {level.Orders} orders");
                var ids = OrderBook.OrderIdsBestFirst(state, m, side).ToList();
                if (!ids.OrderBy(i => i).SequenceEqual(resting.Select(o => o.Id).OrderBy(i => i)))
                    violations.Add($"market {m} {side}: the book's queues hold [{string.Join(",", ids)}], the open orders are [{string.Join(",", resting.Select(o => o.Id))}]");
            }
        }
        foreach (var order in Orders(state).Where(o => o.Status == OrderStatus.Pending)) violations.Add($"order {order.Id} is still pending after its block");
        return violations;
    }

    /// <summary>filled + open + cancelled = quantity; IOC and FOK never rest; FOK fills wholly or not at all.</summary>
    public static List<string> OrderFates(MemoryState state)
    {
        var violations = new List<string>();
        foreach (var o in Orders(state))
        {
            var (q, f) = (Big(o.Quantity), Big(o.Filled));
            if (f < 0 || f > q) violations.Add($"order {o.Id} filled {f} of {q}");
            if (o.Status == OrderStatus.Filled && f != q) violations.Add($"order {o.Id} is filled with {f} of {q}");
            if (o.Status is OrderStatus.Open or OrderStatus.Cancelled or OrderStatus.Expired && f >= q) violations.Add($"order {o.Id} is {o.Status} with nothing left ({f} of {q})");
            if (o.Status is OrderStatus.Filled or OrderStatus.Cancelled or OrderStatus.Expired && Big(o.Locked) != 0) violations.Add($"closed order {o.Id} still locks {o.Locked}");
            if (o.TimeInForce is TimeInForce.Ioc or TimeInForce.Fok && o.Status == OrderStatus.Open) violations.Add($"{o.TimeInForce} order {o.Id} rests");
            if (o.TimeInForce == TimeInForce.Fok && f != 0 && f != q) violations.Add($"FOK order {o.Id} filled {f} of {q}");
        }
        return violations;
    }

    /// <summary>The trades of market sequences after <paramref name="tradeCounts"/> (the counts before the block).</summary>
    public static List<TradeRecord> NewTrades(MemoryState state, World world, IReadOnlyDictionary<ulong, ulong> tradeCounts)
    {
        var trades = new List<TradeRecord>();
        for (ulong m = 1; m <= world.Markets; m++)
        {
            ulong count = Ex.GetMarket(state, m)!.TradeCount;
            for (ulong s = tradeCounts.GetValueOrDefault(m) + 1; s <= count; s++) trades.Add(Ex.GetTrade(state, m, s)!);
        }
        return trades;
    }

    /// <summary>
    /// Each trade: within both limits at its market's single price of the block; not with oneself; a post-only order only
    /// as the resting side; no order that was closed before the batch (by owner, expiry, halt or a frozen lot); no lot of a
    /// certificate revoked by then.
    /// </summary>
    public static List<string> Trades(MemoryState state, IReadOnlyList<TradeRecord> trades)
    {
        var violations = new List<string>();
        foreach (var group in trades.GroupBy(t => (t.MarketId, t.Height)))
            if (group.Select(t => t.Price).Distinct().Count() > 1) violations.Add($"market {group.Key.MarketId} traded at several prices in block {group.Key.Height}");
        foreach (var t in trades)
        {
            var buy = Ex.GetOrder(state, t.BuyOrderId)!;
            var sell = Ex.GetOrder(state, t.SellOrderId)!;
            var price = Big(t.Price);
            if (price > Big(buy.Price) || price < Big(sell.Price)) violations.Add($"trade {t.MarketId}/{t.Sequence} at {price} is outside buy {buy.Price} / sell {sell.Price}");
            if (t.Buyer == t.Seller || buy.Owner == sell.Owner) violations.Add($"trade {t.MarketId}/{t.Sequence} is a self-trade");
            foreach (var o in new[] { buy, sell })
            {
                if (o.TimeInForce == TimeInForce.PostOnly && o.PlacedHeight >= t.Height) violations.Add($"post-only order {o.Id} took in trade {t.MarketId}/{t.Sequence}");
                bool closedBefore = o.Status == OrderStatus.Expired
                    || o.Status == OrderStatus.Cancelled && o.CancelReason is CancelReason.ByOwner or CancelReason.FrozenLot or CancelReason.MarketHalted;
                if (closedBefore && o.ClosedHeight <= t.Height) violations.Add($"order {o.Id} ({o.Status}, {o.CancelReason}) traded at height {t.Height}, closed at {o.ClosedHeight}");
            }
            foreach (var lot in t.Lots)
            {
                var certificate = Seratio.Vm.Modules.Certificates.Certificates.Get(state, lot.CertificateId)!;
                if (certificate.Revoked && certificate.RevokedHeight <= t.Height) violations.Add($"trade {t.MarketId}/{t.Sequence} moved lot {lot.LotId} of revoked certificate {lot.CertificateId}");
            }
        }
        return violations;
    }

    /// <summary>Every lot's record (flags and counts) as it was: trading never rewrites a lot.</summary>
    public static List<string> LotsUnchanged(MemoryState state, IReadOnlyDictionary<ulong, MicroshareLotState> before) =>
        [.. before.Where(l => !l.Value.Equals(Ms.GetLot(state, l.Key))).Select(l => $"lot {l.Key} changed")];

    /// <summary>What a block's transaction order must not change: balances, holdings, each order's fill (by tx hash and message index) and the trades.</summary>
    public static string Fingerprint(MemoryState state, World world)
    {
        var lines = new List<string>();
        foreach (var a in world.AllHolders)
            lines.Add($"{a}: {state.Account(a).Balance} SER {ExMsgs.GreenOf(state, a)} GREEN {string.Join(",", Ms.GetHolding(state, a, world.ClassId).Lots.Select(l => $"{l.LotId}:{l.Units}"))}");
        var keyOf = Orders(state).ToDictionary(o => o.Id, o => $"{Convert.ToHexString(o.PlacedTxHash.Span)}/{o.MsgIndex}");
        // Orders that never filled are left out: a placement refused in one order (after a halt or revocation in its
        // block) is placed and cancelled in another, with the same balances.
        lines.AddRange(Orders(state).Where(o => o.Filled != "0").Select(o => $"{keyOf[o.Id]} filled {o.Filled} paid {o.PaidQuote} fees {o.Fees}").Order(StringComparer.Ordinal));
        for (ulong m = 1; m <= world.Markets; m++)
        {
            var market = Ex.GetMarket(state, m)!;
            lines.Add($"market {m}: last {market.LastPrice} volume {market.VolumeBase}/{market.VolumeQuote}");
            var trades = new List<string>();
            for (ulong s = 1; s <= market.TradeCount; s++)
            {
                var t = Ex.GetTrade(state, m, s)!;
                trades.Add($"{t.Height} {keyOf[t.BuyOrderId]}×{keyOf[t.SellOrderId]} {t.Quantity}@{t.Price} fees {t.BuyerFee}/{t.SellerFee} lots {string.Join(",", t.Lots.Select(l => $"{l.LotId}:{l.Units}"))}");
            }
            lines.AddRange(trades.Order(StringComparer.Ordinal));
        }
        return string.Join("\n", lines);
    }
}
