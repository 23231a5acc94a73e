using System.Globalization;
using Seratio.Client.Exchange;
using Seratio.Protocol;

namespace Seratio.Cli.Modules;

/// <summary>
/// An order book as a person reads one: the asks above the bids with the highest ask at the top, so the best prices
/// meet in the middle at the spread line; right-aligned columns of price, quantity and orders. Pure.
/// </summary>
internal static class OrderBookText
{
    private static readonly string[] Header = ["", "price", "quantity", "orders"];

    public static IReadOnlyList<string> Lines(MarketState market, OrderBookResponse book)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(book);
        var rows = new List<string[]>();
        for (int i = book.Asks.Count - 1; i >= 0; i--) rows.Add(Row("ask", book.Asks[i]));
        int asks = rows.Count;
        foreach (var level in book.Bids) rows.Add(Row("bid", level));

        var widths = new int[Header.Length];
        foreach (var row in rows.Prepend(Header))
            for (int c = 0; c < row.Length; c++) widths[c] = Math.Max(widths[c], row[c].Length);
        int total = widths.Sum() + 2 * (widths.Length - 1);

        string title = string.Create(CultureInfo.InvariantCulture,
            $"market {market.Id}: {market.Base} / {market.Quote}, last price {(book.LastPrice.Length == 0 ? "none yet" : book.LastPrice)}, height {book.Height}");
        var lines = new List<string> { market.Halted ? $"{title} (HALTED: {market.HaltReason})" : title, Format(Header, widths) };
        if (asks == 0) lines.Add(Centre("(no asks)", total, ' '));
        for (int i = 0; i < asks; i++) lines.Add(Format(rows[i], widths));
        lines.Add(Centre($" {Spread(book)} ", total, '-'));
        for (int i = asks; i < rows.Count; i++) lines.Add(Format(rows[i], widths));
        if (rows.Count == asks) lines.Add(Centre("(no bids)", total, ' '));
        return lines;
    }

    /// <summary>"spread 3 (bid 105, ask 108)", or what is missing (<see cref="BookSpread"/>, which the portal shares).</summary>
    public static string Spread(OrderBookResponse book) => BookSpread.Describe(book);

    private static string[] Row(string side, PriceLevel level) =>
        [side, level.Price, level.Quantity, level.Orders.ToString(CultureInfo.InvariantCulture)];

    private static string Format(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd();

    private static string Centre(string text, int width, char fill)
    {
        int pad = Math.Max(width - text.Length, 4); // a spread line wider than the table still shows as a line
        int left = pad / 2;
        return (new string(fill, left) + text + new string(fill, pad - left)).TrimEnd();
    }
}
