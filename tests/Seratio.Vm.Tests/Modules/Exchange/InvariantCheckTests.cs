using Google.Protobuf;
using Seratio.Core.Numerics;
using Seratio.Protocol;
using Seratio.Vm.Modules.Exchange;
using Seratio.Vm.State;
using Seratio.Vm.Tests.Support;
using static Seratio.Vm.Tests.Modules.Exchange.ExchangeInvariants;
using static Seratio.Vm.Tests.Support.ExMsgs;
using static Seratio.Vm.Tests.Support.ValueMsgs;
using Ex = Seratio.Vm.Modules.Exchange.Exchange;
using Ms = Seratio.Vm.Modules.Microshares.Microshares;

namespace Seratio.Vm.Tests.Modules.Exchange;

/// <summary>
/// Each invariant check of the property test, shown to hold on an honest state and to report a state where its rule
/// was broken on purpose: a check that cannot fail would prove nothing.
/// </summary>
public class InvariantCheckTests
{
    private sealed record Scene(MemoryState State, World World, Totals Totals, Dictionary<ulong, MicroshareLotState> Lots, List<TradeRecord> Trades);

    /// <summary>
    /// The property test's markets; alice rests a GREEN sell of 100 at 10 (order 1) and a microshare sell of 100 at 4
    /// (order 2); bob takes 50 of the first with an IOC (order 3) and buys 50 of the second (order 4).
    /// </summary>
    private static Scene Build()
    {
        var (baseState, world) = ExchangePropertyTests.Base.Value;
        var state = baseState.Clone();
        var totals = Measure(state, world);
        var lots = Enumerable.Range(1, (int)Ms.LastLotId(state)).ToDictionary(i => (ulong)i, i => Ms.GetLot(state, (ulong)i)!);
        Block(state, 100, ("alice", [Sell(1, "10", "100"), Sell(2, "4", "100")]));
        Block(state, 101, ("bob", [Buy(1, "10", "50", TimeInForce.Ioc), Buy(2, "4", "50")]));
        var trades = NewTrades(state, world, new Dictionary<ulong, ulong>());
        Assert.Equal(2, trades.Count);
        return new Scene(state, world, totals, lots, trades);
    }

    private static List<string> All(Scene s) =>
    [
        .. Conservation(s.State, s.World, s.Totals), .. Book(s.State, s.World), .. OrderFates(s.State),
        .. Trades(s.State, NewTrades(s.State, s.World, new Dictionary<ulong, ulong>())), .. LotsUnchanged(s.State, s.Lots),
    ];

    private static void Edit(MemoryState state, ulong orderId, Action<OrderState> edit)
    {
        var order = Order(state, orderId);
        edit(order);
        state.With(ExchangeKeys.Order(orderId), order.ToByteArray());
    }

    private static void EditTrade(MemoryState state, ulong market, ulong sequence, Action<TradeRecord> edit)
    {
        var trade = Ex.GetTrade(state, market, sequence)!;
        edit(trade);
        state.With(ExchangeKeys.Trade(market, sequence), trade.ToByteArray());
    }

    [Fact]
    public void AnHonestRun_HasNoViolation() => Assert.Empty(All(Build()));

    [Fact]
    public void Conservation_ReportsValueCreatedOutOfNothing()
    {
        var s = Build();
        s.State.WithAccount("alice", s.State.Account("alice").Balance + 1, s.State.Account("alice").Nonce);
        Assert.Contains(Conservation(s.State, s.World, s.Totals), v => v.StartsWith("SER total", StringComparison.Ordinal));
    }

    [Fact]
    public void Conservation_ReportsEscrowThatDoesNotMatchTheLocks()
    {
        var s = Build();
        Edit(s.State, 1, o => o.Locked = "49");
        Assert.Contains(Conservation(s.State, s.World, s.Totals), v => v.StartsWith("escrow holds", StringComparison.Ordinal));
    }

    [Fact]
    public void Conservation_ReportsMicroshareUnitsThatVanished()
    {
        var s = Build();
        var holding = Ms.GetHolding(s.State, Addr("bob"), 1);
        holding.Lots[0].Units = (Amount.Parse(holding.Lots[0].Units) - 1).ToString();
        s.State.With(Seratio.Vm.Modules.Microshares.MicroshareKeys.Holding(Addr("bob"), 1), holding.ToByteArray());
        Assert.Contains(Conservation(s.State, s.World, s.Totals), v => v.StartsWith("class 1", StringComparison.Ordinal));
    }

    [Fact]
    public void Book_ReportsACrossedBook()
    {
        var s = Build();
        // A bid above alice's resting ask of 10, put on the book directly, as a broken batch would leave it.
        var view = new BlockState(s.State);
        var bid = new OrderState
        {
            Id = 99, MarketId = 1, Owner = Addr("carol").ToByteString(), Side = OrderSide.Buy, Price = "11", Quantity = "10", Filled = "0",
            TimeInForce = TimeInForce.Gtc, Status = OrderStatus.Open, Locked = "0",
        };
        OrderBook.Add(view, bid, 10);
        s.State.Apply(view.Changes());
        Assert.Contains(Book(s.State, s.World), v => v.Contains("is crossed", StringComparison.Ordinal));
    }

    [Fact]
    public void Book_ReportsALevelThatDisagreesWithItsOrders()
    {
        var s = Build();
        Edit(s.State, 1, o => o.Filled = "60");
        Assert.Contains(Book(s.State, s.World), v => v.Contains("level 10", StringComparison.Ordinal));
    }

    [Fact]
    public void OrderFates_ReportOverfillsRestingIocsAndPartFilledFoks()
    {
        var s = Build();
        Edit(s.State, 2, o => o.Filled = "150");
        Assert.Contains(OrderFates(s.State), v => v == "order 2 filled 150 of 100");
        Edit(s.State, 3, o => o.Status = OrderStatus.Open);
        Assert.Contains(OrderFates(s.State), v => v == "Ioc order 3 rests");
        Edit(s.State, 3, o => { o.TimeInForce = TimeInForce.Fok; o.Status = OrderStatus.Cancelled; o.Quantity = "100"; });
        Assert.Contains(OrderFates(s.State), v => v == "FOK order 3 filled 50 of 100");
    }

    [Fact]
    public void OrderFates_ReportAClosedOrderThatStillLocks()
    {
        var s = Build();
        Edit(s.State, 3, o => o.Locked = "5");
        Assert.Contains(OrderFates(s.State), v => v == "closed order 3 still locks 5");
    }

    [Fact]
    public void Trades_ReportAFillOutsideALimit()
    {
        var s = Build();
        EditTrade(s.State, 1, 1, t => t.Price = "11");
        Assert.Contains(Trades(s.State, NewTrades(s.State, s.World, new Dictionary<ulong, ulong>())), v => v.Contains("is outside buy", StringComparison.Ordinal));
    }

    [Fact]
    public void Trades_ReportASelfTrade()
    {
        var s = Build();
        EditTrade(s.State, 1, 1, t => t.Seller = t.Buyer);
        Assert.Contains(Trades(s.State, NewTrades(s.State, s.World, new Dictionary<ulong, ulong>())), v => v.Contains("self-trade", StringComparison.Ordinal));
    }

    [Fact]
    public void Trades_ReportAPostOnlyThatTook()
    {
        var s = Build();
        Edit(s.State, 3, o => o.TimeInForce = TimeInForce.PostOnly);
        Assert.Contains(Trades(s.State, NewTrades(s.State, s.World, new Dictionary<ulong, ulong>())), v => v.StartsWith("post-only order 3 took", StringComparison.Ordinal));
    }

    [Fact]
    public void Trades_ReportAnExpiredOrCancelledOrderThatFilled()
    {
        var s = Build();
        Edit(s.State, 1, o => { o.Status = OrderStatus.Expired; o.ClosedHeight = 101; });
        Assert.Contains(Trades(s.State, NewTrades(s.State, s.World, new Dictionary<ulong, ulong>())), v => v.StartsWith("order 1 (Expired", StringComparison.Ordinal));
        Edit(s.State, 1, o => { o.Status = OrderStatus.Cancelled; o.CancelReason = CancelReason.ByOwner; o.ClosedHeight = 100; });
        Assert.Contains(Trades(s.State, NewTrades(s.State, s.World, new Dictionary<ulong, ulong>())), v => v.StartsWith("order 1 (Cancelled", StringComparison.Ordinal));
    }

    [Fact]
    public void Trades_ReportAFrozenLotThatMoved()
    {
        var s = Build();
        var certificate = Seratio.Vm.Modules.Certificates.Certificates.Get(s.State, 1)!;
        certificate.Revoked = true;
        certificate.RevokedHeight = 101;
        s.State.With(Seratio.Vm.Modules.Certificates.CertificateKeys.Certificate(1), certificate.ToByteArray());
        Assert.Contains(Trades(s.State, NewTrades(s.State, s.World, new Dictionary<ulong, ulong>())), v => v.Contains("of revoked certificate 1", StringComparison.Ordinal));
    }

    [Fact]
    public void LotsUnchanged_ReportsAFlagThatChanged()
    {
        var s = Build();
        var lot = Ms.GetLot(s.State, 1)!;
        lot.Flags.OriginAmount = "1";
        s.State.With(Seratio.Vm.Modules.Microshares.MicroshareKeys.Lot(1), lot.ToByteArray());
        Assert.Equal(["lot 1 changed"], LotsUnchanged(s.State, s.Lots));
    }

    [Fact]
    public void Fingerprint_TellsApartRunsThatDifferInABalanceFillOrPrice()
    {
        var s = Build();
        var honest = Fingerprint(s.State, s.World);
        Assert.Equal(honest, Fingerprint(s.State.Clone(), s.World));
        var balance = s.State.Clone();
        balance.WithAccount("carol", balance.Account("carol").Balance + 1);
        var fill = s.State.Clone();
        Edit(fill, 3, o => o.Filled = "60");
        var price = s.State.Clone();
        EditTrade(price, 2, 1, t => t.Price = "3");
        Assert.All(new[] { balance, fill, price }, other => Assert.NotEqual(honest, Fingerprint(other, s.World)));
    }
}
