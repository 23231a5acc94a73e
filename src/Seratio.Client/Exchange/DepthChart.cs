using System.Globalization;
using System.Numerics;
using System.Text;
using Seratio.Client.Charts;
using Seratio.Protocol;

namespace Seratio.Client.Exchange;

/// <summary>One price level of a depth chart: its price, its own open quantity and the quantity of it and every better level.</summary>
public readonly record struct DepthStep(BigInteger Price, BigInteger Quantity, BigInteger Cumulative, uint Orders);

/// <summary>
/// A market's depth: each side's levels (best first, as <c>GetOrderBook</c> returns them) with the quantity accumulated
/// from the best price outwards, i.e. how much a buyer could take up to a price (asks) or a seller could sell down to a
/// price (bids). <see cref="Plot"/> lays both sides out as filled step areas in whole pixels. Exact integers throughout
/// (prices beyond 2⁶⁴ included), no floating point. Immutable; thread safe.
/// </summary>
public sealed class DepthChart
{
    private DepthChart(IReadOnlyList<DepthStep> bids, IReadOnlyList<DepthStep> asks)
    {
        Bids = bids;
        Asks = asks;
        var prices = bids.Concat(asks).Select(s => s.Price).ToList();
        MinPrice = prices.Count == 0 ? BigInteger.Zero : prices.Min();
        MaxPrice = prices.Count == 0 ? BigInteger.Zero : prices.Max();
        MaxCumulative = BigInteger.Max(bids.Count == 0 ? 0 : bids[^1].Cumulative, asks.Count == 0 ? 0 : asks[^1].Cumulative);
        // An eighth of the price range (at least 1) on each side, so the outermost levels have width to show their total.
        var pad = BigInteger.Max((MaxPrice - MinPrice) / 8, 1);
        AxisMin = BigInteger.Max(MinPrice - pad, 0);
        AxisMax = MaxPrice + pad;
    }

    /// <summary>Bids, highest price first, each with the quantity of it and every higher bid.</summary>
    public IReadOnlyList<DepthStep> Bids { get; }

    /// <summary>Asks, lowest price first, each with the quantity of it and every lower ask.</summary>
    public IReadOnlyList<DepthStep> Asks { get; }

    public BigInteger MinPrice { get; }
    public BigInteger MaxPrice { get; }

    /// <summary>The price axis: the levels' range widened by an eighth of it (at least 1) each way, never below 0.</summary>
    public BigInteger AxisMin { get; }
    public BigInteger AxisMax { get; }

    /// <summary>The larger side's total: the top of the picture.</summary>
    public BigInteger MaxCumulative { get; }

    public bool IsEmpty => Bids.Count == 0 && Asks.Count == 0;

    /// <summary>
    /// Accumulates a book's levels. Prices and quantities must be canonical positive integers, bids strictly falling and
    /// asks strictly rising (the node's order); anything else is a broken node answer and throws <see cref="FormatException"/>.
    /// </summary>
    public static DepthChart From(IEnumerable<PriceLevel> bids, IEnumerable<PriceLevel> asks)
    {
        ArgumentNullException.ThrowIfNull(bids);
        ArgumentNullException.ThrowIfNull(asks);
        return new DepthChart(Accumulate(bids, "bid", descending: true), Accumulate(asks, "ask", descending: false));
    }

    private static List<DepthStep> Accumulate(IEnumerable<PriceLevel> levels, string side, bool descending)
    {
        var steps = new List<DepthStep>();
        BigInteger total = 0;
        foreach (var level in levels)
        {
            var price = Positive(level.Price, $"{side} price");
            var quantity = Positive(level.Quantity, $"{side} quantity at {level.Price}");
            if (steps.Count > 0 && (descending ? price >= steps[^1].Price : price <= steps[^1].Price))
                throw new FormatException($"{side}s are not {(descending ? "falling" : "rising")} strictly: {steps[^1].Price} then {price}");
            total += quantity;
            steps.Add(new DepthStep(price, quantity, total, level.Orders));
        }
        return steps;
    }

    private static BigInteger Positive(string text, string what) =>
        text.Length > 0 && (text.Length == 1 || text[0] != '0') && BigInteger.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value.Sign > 0
            ? value
            : throw new FormatException($"the {what} '{text}' is not a positive integer");

    /// <summary>
    /// Both sides as closed SVG paths within a <paramref name="width"/> × <paramref name="height"/> box whose origin is the
    /// top left: price runs left to right from <see cref="AxisMin"/> to <see cref="AxisMax"/>, cumulative quantity bottom to top. Each side is a step area rising from its
    /// best price on the baseline and running out to its edge (bids to the left, asks to the right) at its total; a side
    /// without levels has an empty path.
    /// </summary>
    public DepthPlot Plot(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        var x = new LinearScale(AxisMin, AxisMax, width);
        var y = new LinearScale(0, MaxCumulative, height);
        int Y(BigInteger cumulative) => height - y.Map(cumulative);
        string Area(IReadOnlyList<DepthStep> steps, int edge)
        {
            if (steps.Count == 0) return "";
            var path = new StringBuilder();
            path.Append(CultureInfo.InvariantCulture, $"M{x.Map(steps[0].Price)} {height}");
            for (int i = 0; i < steps.Count; i++)
            {
                path.Append(CultureInfo.InvariantCulture, $" V{Y(steps[i].Cumulative)}");
                path.Append(CultureInfo.InvariantCulture, $" H{(i + 1 < steps.Count ? x.Map(steps[i + 1].Price) : edge)}");
            }
            path.Append(CultureInfo.InvariantCulture, $" V{height} Z");
            return path.ToString();
        }
        return new DepthPlot(width, height, Area(Bids, 0), Area(Asks, width));
    }

    /// <summary>The picture's facts in one sentence, for its text alternative.</summary>
    public string Describe(string baseAsset, string quoteAsset)
    {
        static string Side(IReadOnlyList<DepthStep> steps, string name) => steps.Count switch
        {
            0 => $"no {name}s",
            1 => $"1 {name} level at {steps[0].Price} holding {steps[0].Quantity}",
            _ => $"{steps.Count} {name} levels from {steps[0].Price} to {steps[^1].Price} holding {steps[^1].Cumulative} in all",
        };
        return string.Create(CultureInfo.InvariantCulture,
            $"Depth chart, prices in {quoteAsset} base units per {baseAsset} unit, quantities in {baseAsset} units: {Side(Bids, "bid")}; {Side(Asks, "ask")}.");
    }
}

/// <summary>A depth chart laid out in pixels: the bid and ask areas as SVG path data ("" for an empty side).</summary>
public sealed record DepthPlot(int Width, int Height, string BidPath, string AskPath);
