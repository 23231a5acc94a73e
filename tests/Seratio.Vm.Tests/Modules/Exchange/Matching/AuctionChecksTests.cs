using System.Numerics;
using Seratio.Protocol;
using Seratio.Vm.Modules.Exchange.Matching;

namespace Seratio.Vm.Tests.Modules.Exchange.Matching;

/// <summary>
/// Each check of <see cref="AuctionChecks"/> finds nothing in a correct result and reports a result broken on purpose
/// (or a broken engine), so the property tests could fail.
/// </summary>
public class AuctionChecksTests
{
    /// <summary>The worked example (<see cref="WorkedExampleTests"/>): p* 102; fills #1×5 #4×6 #5×2 #6×3; #5 rests 2.</summary>
    private static (AuctionCase Case, AuctionResult Result) Worked()
    {
        var b = new AuctionBuilder { LastPrice = 100 };
        b.Ask(101, 5, owner: "alice", height: 7);      // #1
        b.Ask(103, 5, owner: "bob", height: 8);        // #2
        b.Bid(99, 10, owner: "carol", height: 7);      // #3
        b.Buy(103, 6, owner: "dave");                  // #4
        b.Buy(102, 4, owner: "erin");                  // #5
        b.Sell(100, 3, owner: "frank", tif: TimeInForce.Ioc);      // #6
        b.Buy(101, 2, owner: "gina", tif: TimeInForce.Ioc);        // #7
        b.Sell(102, 1, owner: "hank", tif: TimeInForce.PostOnly);  // #8
        var c = b.Case();
        return (c, BatchAuction.Clear(c.Input()));
    }

    public static TheoryData<string> Checks() => new(AuctionChecks.All.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Checks))]
    public void Check_FindsNothingInACorrectResult(string name)
    {
        var (c, r) = Worked();
        Assert.Empty(AuctionChecks.All.Single(x => x.Name == name).Check(c, r));
    }

    [Fact]
    public void MaximalVolume_ReportsAPriceWithLessVolume() =>
        Reports(AuctionChecks.MaximalVolume, r => r with { ClearingPrice = 103 }, "V(p* = 103) = 6 < V(101) = 8");

    [Fact]
    public void MaximalVolume_ReportsMissingFills() =>
        Reports(AuctionChecks.MaximalVolume, r => r with { Fills = r.Fills.Where(f => f.OrderId != 5).ToList() }, "the buys filled 6");

    [Fact]
    public void TieBreaks_ReportsTheWrongPriceOfEqualVolume() =>
        Reports(AuctionChecks.TieBreaks, r => r with { ClearingPrice = 101 }, "the rules choose 102");

    [Fact]
    public void NoCrossedBook_ReportsALockedBook() =>
        Reports(AuctionChecks.NoCrossedBook,
            r => r with { ToRest = [.. r.ToRest, Order(8)], Cancels = r.Cancels.Where(x => x.OrderId != 8).ToList() },
            "bid #5 at 102 ≥ ask #8 at 102");

    [Fact]
    public void FillsWithinLimits_ReportsAFillBeyondALimit() =>
        Reports(AuctionChecks.FillsWithinLimits, r => r with { ClearingPrice = 104 }, "#4 (Buy at 103) filled at 104");

    [Fact]
    public void LotMultiples_ReportsAZeroFill() =>
        Reports(AuctionChecks.LotMultiples, r => r with { Fills = [.. r.Fills, new AuctionFill(7, 0)] }, "#7 fills 0");

    [Fact]
    public void LotMultiples_ReportsAnOffLotTrade()
    {
        var b = new AuctionBuilder { Lot = 10 };
        b.Ask(100, 2);
        b.Buy(100, 2);
        var c = b.Case();
        var r = BatchAuction.Clear(c.Input());
        Assert.Empty(AuctionChecks.LotMultiples(c, r));
        var broken = r with { Trades = [r.Trades[0] with { Quantity = 15 }] };
        Assert.Contains(AuctionChecks.LotMultiples(c, broken), v => v.Contains("of 15 (lot 10)"));
    }

    [Fact]
    public void Conservation_ReportsAMissingTrade() =>
        Reports(AuctionChecks.Conservation, r => r with { Trades = r.Trades.Take(2).ToList() }, "trades 6");

    [Fact]
    public void FillWithinRemaining_ReportsAnOverfill() =>
        Reports(AuctionChecks.FillWithinRemaining,
            r => r with { Fills = r.Fills.Select(f => f.OrderId == 4 ? f with { Quantity = 7 } : f).ToList() }, "#4 fills 7 of 6");

    [Fact]
    public void FillWithinRemaining_ReportsAWrongRestingRemainder() =>
        Reports(AuctionChecks.FillWithinRemaining, r => r with { ToRest = [r.ToRest[0] with { Remaining = 4 }] }, "#5 rests with 4");

    [Fact]
    public void Accounting_ReportsAnOrderThatVanished() =>
        Reports(AuctionChecks.Accounting, r => r with { ToRest = [] }, "new #5: filled wholly False, cancelled 0×, rests 0×");

    [Fact]
    public void IocNeverRests_ReportsARestingIoc() =>
        Reports(AuctionChecks.IocNeverRests, r => r with { ToRest = [.. r.ToRest, Order(7)] }, "Ioc #7 rests");

    [Fact]
    public void PostOnlyNeverFills_ReportsAFilledPostOnly() =>
        Reports(AuctionChecks.PostOnlyNeverFills, r => r with { Fills = [.. r.Fills, new AuctionFill(8, 1)] }, "post-only #8 fills 1");

    [Fact]
    public void FokAllOrNothing_ReportsAPartlyFilledFok()
    {
        var b = new AuctionBuilder();
        b.Ask(100, 4);
        var fok = b.Buy(101, 10, tif: TimeInForce.Fok);
        var c = b.Case();
        var r = BatchAuction.Clear(c.Input());
        Assert.Empty(AuctionChecks.FokAllOrNothing(c, r));
        var partly = r with { ClearingPrice = 100, Fills = [new AuctionFill(1, 4), new AuctionFill(fok.Id, 4)], Cancels = [] };
        Assert.Contains(AuctionChecks.FokAllOrNothing(c, partly), v => v.Contains($"FOK #{fok.Id} fills 4 of 10"));
        Assert.Contains(AuctionChecks.FokAllOrNothing(c, r with { Cancels = [] }), v => v.Contains("neither fills nor is cancelled"));
    }

    [Fact]
    public void NoSelfTrade_ReportsATradeOfOneOwner()
    {
        var b = new AuctionBuilder();
        var own = b.Ask(100, 5, owner: "alice");
        var buy = b.Buy(100, 5, owner: "alice");
        var c = b.Case();
        var r = BatchAuction.Clear(c.Input());
        Assert.Equal(CancelReason.SelfTrade, r.CancelOf(own));
        Assert.Empty(AuctionChecks.NoSelfTrade(c, r));
        var broken = r with { Trades = [new AuctionTrade(buy.Id, own.Id, 5)] };
        Assert.Contains(AuctionChecks.NoSelfTrade(c, broken), v => v.Contains("of one owner trade"));
    }

    [Fact]
    public void WorkWithinBudget_ReportsWorkThatIsNotTheReadsInOneRound() =>
        Reports(AuctionChecks.WorkWithinBudget, r => r with { Work = 5 }, "one round, but work 5 ≠ 2 read");

    [Fact]
    public void WorkWithinBudget_ReportsRoundsBeyondTheBudget() =>
        Reports(AuctionChecks.WorkWithinBudget, r => r with { Rounds = 9, Work = 2_000_000 }, "> budget 1000000 + one round 7");

    /// <summary>An engine that gives time priority by position in the block (a proposer could then choose who fills).</summary>
    [Fact]
    public void PermutationInvariance_ReportsAnEngineThatUsesTheInputOrder()
    {
        var b = new AuctionBuilder();
        for (int i = 0; i < 6; i++) b.Buy(100, 1, owner: "buyer" + i);
        b.Sell(100, 1);
        var c = b.Case(permutationSeed: 7);
        Assert.Empty(AuctionChecks.PermutationInvariance(BatchAuction.Clear, c));

        AuctionResult ByPosition(AuctionInput input) => BatchAuction.Clear(input with
        {
            Incoming = input.Incoming.Select((o, k) => o with { Priority = AuctionBuilder.PriorityOf((ulong)k) }).ToList(),
        });
        Assert.NotEmpty(AuctionChecks.PermutationInvariance(ByPosition, c));
    }

    /// <summary>An engine that reads a whole side before clearing.</summary>
    [Fact]
    public void ReadDepth_ReportsAnEngineThatReadsTheWholeBook()
    {
        var b = new AuctionBuilder();
        foreach (var price in new[] { 100, 101, 150, 151, 152 }) b.Ask(price, 1);
        b.Buy(101, 5);
        var c = b.Case();
        Assert.Empty(AuctionChecks.ReadDepth(BatchAuction.Clear, c));

        AuctionResult Greedy(AuctionInput input)
        {
            var asks = input.RestingAsks.ToList();
            return BatchAuction.Clear(input with { RestingAsks = asks });
        }
        Assert.Contains(AuctionChecks.ReadDepth(Greedy, c), v => v.Contains("asks: pulled 5 for 2 read"));

        AuctionResult Capless(AuctionInput input) => BatchAuction.Clear(input with { MaxRestingReads = 1 });
        Assert.Contains(AuctionChecks.ReadDepth(Capless, c), v => v.Contains("read 1 resting orders; the rules read 2"));
    }

    private static AuctionOrder Order(ulong id) => Worked().Case.Order(id) with { };

    private static void Reports(AuctionChecks.Check check, Func<AuctionResult, AuctionResult> breakIt, string expected)
    {
        var (c, r) = Worked();
        Assert.Empty(check(c, r));
        var violations = check(c, breakIt(r)).ToList();
        Assert.True(violations.Any(v => v.Contains(expected)), $"expected a violation with \"{expected}\", got: {string.Join("; ", violations)}");
    }
}
