using CsCheck;
using Seratio.Vm.Modules.Exchange.Matching;

namespace Seratio.Vm.Tests.Modules.Exchange.Matching;

/// <summary>
/// Every property of <see cref="AuctionChecks"/> over thousands of generated batches (<see cref="AuctionCase.Gen"/>:
/// uncrossed books of up to 10 orders a side, up to 12 new orders of every time in force, four owners, a work cap that
/// often binds). CsCheck prints the failing seed; replay with Sample(..., seed: "&lt;seed&gt;").
/// </summary>
public class BatchAuctionPropertyTests
{
    private const int Cases = 10_000;

    public static TheoryData<string> Properties() => new(AuctionChecks.All.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Properties))]
    public void Property_HoldsOverRandomBatches(string property)
    {
        var check = AuctionChecks.All.Single(c => c.Name == property).Check;
        AuctionCase.Gen.Sample(c =>
        {
            var result = BatchAuction.Clear(c.Input());
            var violations = check(c, result).ToList();
            if (violations.Count > 0)
                Assert.Fail($"{property}: {string.Join("; ", violations)}\n{c}{AuctionChecks.Render(result)}");
        }, iter: Cases);
    }

    [Fact]
    public void PermutingTheIncomingOrders_ChangesNothing()
    {
        AuctionCase.Gen.Sample(c =>
        {
            var violations = AuctionChecks.PermutationInvariance(BatchAuction.Clear, c).ToList();
            if (violations.Count > 0) Assert.Fail($"{string.Join("; ", violations)}\n{c}");
        }, iter: Cases);
    }

    [Fact]
    public void TheRestingBook_IsReadNoDeeperThanTheRulesSay()
    {
        AuctionCase.Gen.Sample(c =>
        {
            var violations = AuctionChecks.ReadDepth(BatchAuction.Clear, c).ToList();
            if (violations.Count > 0) Assert.Fail($"{string.Join("; ", violations)}\n{c}");
        }, iter: Cases);
    }

    /// <summary>The generator makes the situations the properties are about, often enough that they are tested.</summary>
    [Fact]
    public void Generator_CoversTradesCancelsOfEveryKindAndTheCap()
    {
        var seen = new HashSet<string>();
        AuctionCase.Gen.Sample(c =>
        {
            var r = BatchAuction.Clear(c.Input());
            if (r.Trades.Count > 0) seen.Add("trade");
            if (r.Rounds > 1) seen.Add("fok round");
            if (r.Fills.Any(f => c.Order(f.OrderId).Resting)) seen.Add("resting fill");
            foreach (var x in r.Cancels) seen.Add(x.Reason.ToString());
            if (r.ToRest.Count > 0) seen.Add("rest");
        }, iter: 2_000, threads: 1);
        Assert.Equal(
            new[] { "Dust", "FokUnfilled", "IocRemainder", "MatchLimit", "PostOnlyWouldTake", "SelfTrade", "fok round", "rest", "resting fill", "trade" },
            seen.Order(StringComparer.Ordinal));
    }
}
