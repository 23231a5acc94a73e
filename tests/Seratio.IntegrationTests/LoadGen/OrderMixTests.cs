using System.Diagnostics;
using Seratio.LoadGen;
using Seratio.LoadGen.Orders;
using Seratio.Protocol;

namespace Seratio.IntegrationTests.LoadGen;

/// <summary>
/// The order mix's pure parts (no node): which slots are exchange actions, the quotes the traders place
/// against the market's rules, and each trader's choice between placing, cancelling and standing aside
/// within the exchange's limits.
/// </summary>
public sealed class OrderMixTests
{
    [Theory]
    [InlineData("transfers=50,orders=50", 0, 0, 50)]
    [InlineData("orders", 0, 0, 100)]
    [InlineData("transfers=70,certificates=10,orders=20", 10, 0, 20)]
    [InlineData("orders=1,transfers=3", 0, 0, 25)]
    public void Mix_Parse_GivesTheOrderShare(string text, int certificates, int microshares, int orders)
    {
        Assert.Equal(new TxMix(certificates, microshares, orders), TxMix.Parse(text));
    }

    [Theory]
    [InlineData("transfers=50,orders=50")]
    [InlineData("transfers=40,certificates=20,microshares=10,orders=30")]
    [InlineData("orders")]
    public void Mix_PicksExactlyEachShare_AndNeverOneSlotForTwoKinds(string text)
    {
        var mix = TxMix.Parse(text);
        int certificates = 0, microshares = 0, orders = 0;
        for (long slot = 0; slot < 10_000; slot++)
        {
            int kinds = (mix.IsCertificate(slot) ? 1 : 0) + (mix.IsMicroshare(slot) ? 1 : 0) + (mix.IsOrder(slot) ? 1 : 0);
            Assert.True(kinds <= 1, $"slot {slot} is of {kinds} kinds");
            certificates += mix.IsCertificate(slot) ? 1 : 0;
            microshares += mix.IsMicroshare(slot) ? 1 : 0;
            orders += mix.IsOrder(slot) ? 1 : 0;
        }
        Assert.Equal((mix.CertificatePercent * 100, mix.MicrosharePercent * 100, mix.OrderPercent * 100), (certificates, microshares, orders));
    }

    [Theory]
    [InlineData(100)]
    [InlineData(1000)]
    [InlineData(7)]
    public void Mix_GivesEveryAccountItsShareOfExchangeActions_WhateverTheAccountCount(int accounts)
    {
        var mix = TxMix.Parse("transfers=50,orders=50");
        for (int account = 0; account < accounts; account++)
        {
            int orders = Enumerable.Range(0, 100).Count(round => mix.IsOrder(TxMix.SlotOf((long)round * accounts + account, accounts)));
            Assert.Equal(50, orders);
        }
    }

    [Fact]
    public void Options_OrdersWithProvenance_AreRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => LoadGenOptions.Parse(["--mix", "orders=50,transfers=50", "--provenance", "10"]));
        Assert.Contains("do not combine", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Market_SmallestFill_LeavesTheSellerSomethingAfterTheLargerFee()
    {
        // The market creation rule: tick×lot − ceil(tick×lot×max(maker, taker)/10000) ≥ 1.
        ulong smallest = OrderQuotes.Tick * OrderQuotes.Lot;
        ulong fee = (smallest * Math.Max(OrderQuotes.MakerFeeBps, OrderQuotes.TakerFeeBps) + 9_999) / 10_000;
        Assert.True(smallest - fee >= 1, $"smallest fill {smallest}, fee {fee}");
    }

    [Fact]
    public void Quotes_KeepTheMarketsRules_AndAQuarterReachTheMid()
    {
        int aggressive = 0, total = 0;
        var lotsSeen = new HashSet<ulong>();
        for (int account = 0; account < 100; account++)
            for (long action = 0; action < 200; action++)
            {
                var (side, price, quantity) = OrderQuotes.For(account, action);
                Assert.Equal(account % 2 == 0 ? OrderSide.Buy : OrderSide.Sell, side);
                Assert.True(price > 0 && price % OrderQuotes.Tick == 0, $"price {price} is off tick");
                Assert.True(quantity > 0 && quantity % OrderQuotes.Lot == 0 && quantity <= OrderQuotes.MaxLots * OrderQuotes.Lot, $"quantity {quantity}");
                Assert.True(price * quantity >= OrderQuotes.MinOrderValue, $"value {price * quantity} below the minimum");
                long ticks = Math.Abs((long)price - (long)OrderQuotes.Mid) / (long)OrderQuotes.Tick;
                Assert.True(ticks <= OrderQuotes.Distances, $"{price} is {ticks} ticks from the mid");
                if (OrderQuotes.IsAggressive(side, price)) aggressive++;
                lotsSeen.Add(quantity);
                total++;
            }
        // 3 distances of 12 reach the mid: 25 % expected; 20,000 draws keep it within a few points.
        double share = (double)aggressive / total;
        Assert.InRange(share, 0.22, 0.28);
        Assert.Equal(OrderQuotes.MaxLots, lotsSeen.Count);
    }

    [Fact]
    public void Quotes_AreAFunctionOfAccountAndAction()
    {
        Assert.Equal(OrderQuotes.For(7, 42), OrderQuotes.For(7, 42));
        var differ = Enumerable.Range(0, 50).Count(a => OrderQuotes.For(a, 0) != OrderQuotes.For(a, 1));
        Assert.True(differ > 25, $"only {differ} of 50 accounts quote differently in consecutive actions");
    }

    [Theory]
    // knownOpen, unresolved, action, expected (cancelAbove 16, maxOpen 100)
    [InlineData(0, 0, 0, "Place")]
    [InlineData(0, 0, 3, "Place")]      // every fourth slot cancels, but nothing is known to cancel
    [InlineData(1, 0, 3, "Cancel")]
    [InlineData(5, 0, 2, "Place")]
    [InlineData(10, 6, 1, "Cancel")]    // 16 possibly open: cancel first
    [InlineData(0, 16, 1, "Place")]     // possibly open, none known: place while below the limit
    [InlineData(0, 98, 1, "Place")]
    [InlineData(0, 99, 1, "None")]      // one short of max_open_orders, nothing to cancel: a transfer
    [InlineData(1, 99, 1, "Cancel")]
    public void Trader_Decide(int knownOpen, int unresolved, long action, string expected)
    {
        Assert.Equal(Enum.Parse<TraderAction>(expected), Trader.Decide(knownOpen, unresolved, action, cancelAbove: 16, maxOpen: 100));
    }

    [Fact]
    public void Trader_CancelsItsOldestKnownOrderOnce_AndNeverOneAnEventReopens()
    {
        var trader = new Trader();
        long now = Stopwatch.GetTimestamp();
        for (int i = 0; i < 3; i++) Assert.Equal(TraderAction.Place, trader.Next(now, 16, 100).Action);
        trader.Observe(12, open: true);
        trader.Observe(10, open: true);
        trader.Observe(11, open: false); // filled in its batch
        var cancel = trader.Next(now, 16, 100); // the fourth slot
        Assert.Equal((TraderAction.Cancel, 10UL, 3L), cancel);
        trader.Observe(10, open: true); // a late event of the order cancelled above
        Assert.Equal(1, trader.KnownOpen);
        Assert.Equal(TraderAction.Place, trader.Next(now, 16, 100).Action);
        Assert.Equal(TraderAction.Place, trader.Next(now, 16, 100).Action);
        Assert.Equal(TraderAction.Place, trader.Next(now, 16, 100).Action);
        Assert.Equal((TraderAction.Cancel, 12UL, 7L), trader.Next(now, 16, 100));
        Assert.Equal(8, trader.Actions);
    }

    [Fact]
    public void Trader_StaysBelowTheOpenOrderLimit_UntilUnseenPlacementsAreForgotten()
    {
        var trader = new Trader();
        long now = Stopwatch.GetTimestamp();
        for (int i = 0; i < 9; i++) Assert.Equal(TraderAction.Place, trader.Next(now, cancelAbove: 100, maxOpen: 10).Action);
        Assert.Equal(TraderAction.None, trader.Next(now, 100, 10).Action);
        // Placements no event named within ResolveAfter (refused in their block) stop counting.
        Assert.Equal(TraderAction.Place, trader.Next(now + Trader.ResolveAfter + 1, 100, 10).Action);
    }

    [Fact]
    public void Trader_FirstSightingResolvesAPlacement()
    {
        var trader = new Trader();
        long now = Stopwatch.GetTimestamp();
        for (int i = 0; i < 9; i++) trader.Next(now, 100, 10);
        trader.Observe(1, open: false);
        trader.Observe(1, open: false); // the same order again resolves nothing more
        Assert.Equal(TraderAction.Place, trader.Next(now, 100, 10).Action);
        Assert.Equal(TraderAction.None, trader.Next(now, 100, 10).Action);
    }

    [Theory]
    [InlineData("OPEN", true)]
    [InlineData("ORDER_STATUS_OPEN", true)]
    [InlineData("pending", true)]
    [InlineData("FILLED", false)]
    [InlineData("CANCELLED", false)]
    [InlineData("expired", false)]
    public void OrderEvent_ReadsTheStatus(string status, bool open)
    {
        var e = new Event { Type = "exchange.order" };
        e.Attributes.Add(new EventAttribute { Key = "order", Value = "42" });
        e.Attributes.Add(new EventAttribute { Key = "market", Value = "3" });
        e.Attributes.Add(new EventAttribute { Key = "owner", Value = "ser1abc" });
        e.Attributes.Add(new EventAttribute { Key = "status", Value = status });
        Assert.Equal(new OrderEvent(42, "3", "ser1abc", open), OrderEvent.From(e));
    }

    [Fact]
    public void OrderEvent_WithoutAnOrderId_IsSkipped()
    {
        Assert.Null(OrderEvent.From(new Event { Type = "exchange.order" }));
    }

    [Fact]
    public void Plan_LiveSlots_AreSignedWhenTaken_AndARefusedOneBecomesATransferAtTheSameNonce()
    {
        var keys = Enumerable.Range(0, 3).Select(i => Seratio.Core.Crypto.SigningKey.ForTesting($"loadgen-test/{i}")).ToArray();
        try
        {
            var signedLive = new List<(int Account, ulong Nonce)>();
            Pending Live(int account, ulong nonce, TxKind kind)
            {
                var bytes = Transfers.Sign("chain-t", keys[account], keys[0].Address, 7, nonce);
                return new Pending(bytes, Transfers.HashOf(bytes), account, kind);
            }
            var plan = LoadPlan.Sign(keys, [10, 20, 30], perAccount: 4, "chain-t",
                live: k => k % 2 == 1,
                signLive: (a, n) => { lock (signedLive) signedLive.Add((a, n)); return Live(a, n, TxKind.Place); },
                signFallback: (a, n) => Live(a, n, TxKind.Transfer));
            Assert.Empty(signedLive); // nothing live is signed before it is taken

            var place = plan.At(1); // account 1, round 0: k = 1 is live
            Assert.Equal((TxKind.Place, 1, 0), (place.Kind, place.Account, place.Round));
            Assert.Equal([(1, 20UL)], signedLive);
            Assert.Same(place, plan.At(1)); // signed once

            var transfer = plan.Fallback(place);
            Assert.NotNull(transfer);
            Assert.Equal((TxKind.Transfer, 1, 0), (transfer.Kind, transfer.Account, transfer.Round));
            Assert.Same(transfer, plan.Get(1, 0));
            Assert.Null(plan.Fallback(transfer)); // a transfer is never replaced
            Assert.Null(plan.Fallback(plan.At(0))); // a pre-signed slot is not live
            Assert.Equal(TxKind.Transfer, plan.At(0).Kind);
        }
        finally
        {
            foreach (var k in keys) k.Dispose();
        }
    }

    [Theory]
    [InlineData(ResultCode.RateLimited, "RATE_LIMITED")]
    [InlineData(ResultCode.OrderClosed, "ORDER_CLOSED")]
    [InlineData(ResultCode.TooManyOpenOrders, "TOO_MANY_OPEN_ORDERS")]
    public void Tally_NamesCodesAsTheModuleDocumentsThem(ResultCode code, string name)
    {
        Assert.Equal(name, ExchangeTally.Code(code));
    }
}
