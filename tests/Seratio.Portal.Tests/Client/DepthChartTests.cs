using System.Numerics;
using Seratio.Client.Exchange;
using Seratio.Protocol;

namespace Seratio.Portal.Tests.Client;

public sealed class DepthChartTests
{
    private static PriceLevel L(string price, string quantity, uint orders = 1) => new() { Price = price, Quantity = quantity, Orders = orders };

    [Fact]
    public void Levels_AccumulateFromTheBestPriceOutwards_OnEachSide()
    {
        var chart = DepthChart.From([L("100", "5"), L("98", "10", 2), L("90", "1")], [L("101", "3"), L("105", "7")]);
        Assert.Equal(new BigInteger[] { 5, 15, 16 }, chart.Bids.Select(s => s.Cumulative));
        Assert.Equal(new BigInteger[] { 3, 10 }, chart.Asks.Select(s => s.Cumulative));
        Assert.Equal(2u, chart.Bids[1].Orders);
        Assert.Equal(90, chart.MinPrice);
        Assert.Equal(105, chart.MaxPrice);
        Assert.Equal(16, chart.MaxCumulative);
    }

    [Fact]
    public void Plot_StepsEachSideUpFromItsBestPrice_ToItsEdge_InWholePixels()
    {
        // Prices 90..110 padded by 20/8 = 2 each way: 88..112 over 200 px; cumulative 0..20 over 100 px (5 px a unit).
        var chart = DepthChart.From([L("100", "10"), L("90", "10")], [L("102", "4"), L("110", "16")]);
        Assert.Equal((88, 112), ((int)chart.AxisMin, (int)chart.AxisMax));
        var plot = chart.Plot(200, 100);
        Assert.Equal("M100 100 V50 H16 V0 H0 V100 Z", plot.BidPath);
        Assert.Equal("M116 100 V80 H183 V0 H200 V100 Z", plot.AskPath);
    }

    [Fact]
    public void Plot_OfOneSideAtOnePrice_SitsInTheMiddle_AndTheOtherSideIsEmpty()
    {
        var chart = DepthChart.From([L("7", "3")], []);
        Assert.Equal((6, 8), ((int)chart.AxisMin, (int)chart.AxisMax));
        var plot = chart.Plot(100, 50);
        Assert.Equal("M50 50 V0 H0 V50 Z", plot.BidPath);
        Assert.Equal("", plot.AskPath);
        Assert.True(DepthChart.From([], []).IsEmpty);
    }

    [Fact]
    public void PricesBeyondUlong_AreExact()
    {
        var chart = DepthChart.From([L("340282366920938463463374607431768211450", "1")], [L("340282366920938463463374607431768211455", "2")]);
        var plot = chart.Plot(500, 10);
        // Padded by 1 each way: 7 units over 500 px.
        Assert.StartsWith("M71 10", plot.BidPath, StringComparison.Ordinal);
        Assert.StartsWith("M428 10", plot.AskPath, StringComparison.Ordinal);
        Assert.Equal("spread 5 (bid 340282366920938463463374607431768211450, ask 340282366920938463463374607431768211455)",
            BookSpread.Describe(new OrderBookResponse { Bids = { L("340282366920938463463374607431768211450", "1") }, Asks = { L("340282366920938463463374607431768211455", "2") } }));
    }

    [Theory]
    [InlineData("0", "1")]
    [InlineData("01", "1")]
    [InlineData("5", "-1")]
    [InlineData("", "1")]
    [InlineData("5", "1e3")]
    public void ALevelThatIsNotPositiveIntegers_IsABrokenAnswer(string price, string quantity) =>
        Assert.Throws<FormatException>(() => DepthChart.From([L(price, quantity)], []));

    [Fact]
    public void SidesOutOfOrder_AreABrokenAnswer()
    {
        Assert.Throws<FormatException>(() => DepthChart.From([L("5", "1"), L("6", "1")], []));
        Assert.Throws<FormatException>(() => DepthChart.From([], [L("6", "1"), L("6", "1")]));
    }

    [Fact]
    public void Describe_GivesTheFactsThePictureShows()
    {
        var chart = DepthChart.From([L("4", "20"), L("3", "10")], [L("6", "40")]);
        Assert.Equal("Depth chart, prices in SER base units per GVX unit, quantities in GVX units: 2 bid levels from 4 to 3 holding 30 in all; 1 ask level at 6 holding 40.",
            chart.Describe("GVX", "SER"));
        Assert.Equal("spread 2 (bid 4, ask 6)", BookSpread.Describe(new OrderBookResponse { Bids = { L("4", "20") }, Asks = { L("6", "40") } }));
        Assert.Equal("no spread: no bids", BookSpread.Describe(new OrderBookResponse { Asks = { L("6", "40") } }));
    }
}
