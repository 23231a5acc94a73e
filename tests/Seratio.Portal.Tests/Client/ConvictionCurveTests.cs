using System.Numerics;
using Seratio.Client.Governance;
using Seratio.Core.Numerics;
using Seratio.Protocol;
using Seratio.Vm.Modules.Grants;

namespace Seratio.Portal.Tests.Client;

/// <summary>The conviction curve against the VM's own values: grants.md's worked numbers, <c>Grants.ConvictionAt</c> and <c>GrantThreshold</c>.</summary>
public sealed class ConvictionCurveTests
{
    private static readonly DafParams TestChain = new() { ConvictionDecayNum = 9, ConvictionDecayDen = 10, GrantWeightPpm = 2500, GrantMaxRatioBps = 2000 };

    private static GrantState Grant(string conviction, string staked, ulong last) => new()
    {
        Id = 1, Status = GrantStatus.Open, Conviction = conviction, Staked = staked, LastHeight = last, CreatedHeight = 1, ExpireHeight = 100_000, Amount = "1000000000",
    };

    [Fact]
    public void TheWorkedExample_4SerAtNineTenths_Gives18742360After6Blocks_And20868124After7()
    {
        var curve = new ConvictionCurve(0, 4_000_000, 10, 9, 10);
        Assert.Equal(18_742_360, curve.At(16));
        Assert.Equal(20_868_124, curve.At(17));
        Assert.Equal(40_000_000, curve.Limit);
        Assert.Equal(0, curve.At(10));
        Assert.Equal(0, curve.At(3));
    }

    [Theory]
    [InlineData("0", "4000000", 10UL, 9UL, 10UL)]
    [InlineData("123456789", "1000", 500UL, 9999UL, 10000UL)]
    [InlineData("99000000000", "0", 7UL, 9999UL, 10000UL)]
    [InlineData("5", "340282366920938463463374607431768211455", 1UL, 1UL, 1000000000UL)]
    public void EveryPoint_IsWhatTheVmComputesForTheGrantAtThatHeight(string y0, string x, ulong last, ulong num, ulong den)
    {
        var p = new DafParams { ConvictionDecayNum = num, ConvictionDecayDen = den };
        var grant = Grant(y0, x, last);
        var curve = new ConvictionCurve(BigInteger.Parse(y0), BigInteger.Parse(x), last, num, den);
        foreach (var point in curve.Sample(last + 5000))
            Assert.Equal(Grants.ConvictionAt(grant, point.Height, p), point.Conviction);
    }

    [Fact]
    public void OneBlockAtATime_TheRecurrenceStaysWithinTheVmsErrorBoundOfTheCurve()
    {
        // y(t+1) = a·y(t) + x, stepped with the VM's one-block closed form, against the curve's n-block value.
        var curve = new ConvictionCurve(0, 4_000_000, 0, 9, 10);
        BigInteger stepped = 0, bound = 0;
        for (ulong n = 1; n <= 60; n++)
        {
            bound += Conviction.ErrorBound(stepped, curve.Stake, 1, 9, 10);
            stepped = Conviction.After(stepped, curve.Stake, 1, 9, 10);
            Assert.True(BigInteger.Abs(stepped - curve.At(n)) <= bound + Conviction.ErrorBound(0, curve.Stake, n, 9, 10), $"n={n}: {stepped} vs {curve.At(n)}");
        }
    }

    [Fact]
    public void Sample_OfALongStretch_HasAtMostMaxPoints_IncludingBothEnds_Ascending()
    {
        var curve = new ConvictionCurve(0, 1000, 100, 9999, 10000);
        var points = curve.Sample(1_000_100);
        Assert.Equal(ConvictionCurve.MaxPoints, points.Count);
        Assert.Equal(100UL, points[0].Height);
        Assert.Equal(1_000_100UL, points[^1].Height);
        Assert.True(points.Zip(points.Skip(1)).All(p => p.First.Height < p.Second.Height && p.First.Conviction <= p.Second.Conviction));
        Assert.Equal(4, curve.Sample(103).Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => curve.Sample(99));
    }

    [Fact]
    public void FirstHeightReaching_IsTheVmsFirstPassingStep()
    {
        // grants.md: R = 10,000 SER, r = 1,000 SER, S = 8 SER, x = 4 SER staked at height 10: passes at the end of height 17.
        Amount r = Amount.Parse("1000000000"), treasury = Amount.Parse("10000000000"), s = Amount.Parse("8000000"), x = Amount.Parse("4000000");
        var tau = GrantThreshold.Threshold(r, treasury, s, TestChain)!.Value;
        Assert.Equal(20_000_000, tau);
        var step = GrantThreshold.FirstPassingStep(0, x, r, treasury, s, TestChain, 1000);
        var curve = new ConvictionCurve(0, x.Value, 10, 9, 10);
        Assert.Equal(10 + step, curve.FirstHeightReaching(tau, 10, 1000));
        Assert.Equal(17UL, curve.FirstHeightReaching(tau, 10, 1000));
        Assert.Equal(17UL, curve.FirstHeightReaching(tau, 17, 5)); // already there
        Assert.Null(curve.FirstHeightReaching(tau, 10, 6));
        Assert.Null(curve.FirstHeightReaching(curve.Limit + 1, 10, 1_000_000)); // above the limit: never
        Assert.Null(new ConvictionCurve(50_000_000, 0, 10, 9, 10).FirstHeightReaching(tau, 10, 1000)); // no stake: never passes
    }

    [Fact]
    public void Projection_OfAnOpenGrant_EndsWhereItReachesTheThreshold_OrAtAHorizonBeforeItsExpiry()
    {
        var open = GrantProjection.Open(Grant("0", "4000000", 10), now: 12, threshold: "20000000", TestChain);
        Assert.Equal(17UL, open.ReachesAt);
        Assert.Equal(17UL, open.EndHeight);

        var never = GrantProjection.Open(Grant("0", "4000000", 10), now: 12, threshold: "", TestChain);
        Assert.Null(never.ReachesAt);
        Assert.Equal(12UL + GrantProjection.MinHorizon, never.EndHeight);

        var expiring = Grant("0", "4000000", 10);
        expiring.ExpireHeight = 14;
        var cut = GrantProjection.Open(expiring, now: 12, threshold: "20000000", TestChain);
        Assert.Null(cut.ReachesAt);
        Assert.Equal(14UL, cut.EndHeight);
    }

    [Fact]
    public void Projection_OfAPaidGrant_RunsFromTheLastStakeBeforeItsClose_AndMeetsTheStoredConviction()
    {
        var before = Grant("0", "4000000", 10);
        var paid = Grant("20868124", "4000000", 17);
        paid.Status = GrantStatus.Paid;
        paid.ClosedHeight = 17;
        var projection = GrantProjection.Closed(paid, before, "20000000", TestChain);
        Assert.Equal(17UL, projection.EndHeight);
        Assert.Equal(17UL, projection.ReachesAt);
        Assert.Equal(BigInteger.Parse(paid.Conviction), projection.Curve.At(paid.ClosedHeight));
        Assert.Throws<ArgumentException>(() => GrantProjection.Closed(paid, paid, "1", TestChain));
    }

    [Fact]
    public void Plot_MapsHeightsAndConvictionToWholePixels_WithTheThresholdRow()
    {
        var points = new ConvictionCurve(0, 4_000_000, 10, 9, 10).Sample(20);
        var plot = ConvictionCurve.Plot(points, 20_000_000, 40_000_000, 100, 40);
        Assert.StartsWith("0,40 10,", plot.Points, StringComparison.Ordinal);
        Assert.Equal(20, plot.ThresholdRow);
        Assert.Equal(50, ConvictionCurve.Column(points, 15, 100));
    }
}
