using Seratio.Cli.Modules;
using Seratio.Protocol;

namespace Seratio.Cli.Tests.Modules;

/// <summary>The order book as <c>seratio dex book</c> prints it: asks above bids, highest ask first, the spread between, aligned columns.</summary>
public sealed class OrderBookTextTests
{
    private static readonly MarketState Market = new() { Id = 4, Base = "ms:1", Quote = "SER" };

    private static PriceLevel Level(string price, string quantity, uint orders) => new() { Price = price, Quantity = quantity, Orders = orders };

    [Fact]
    public void Book_PrintsAsksAboveBids_HighestAskAtTheTop_WithTheSpreadBetween()
    {
        var book = new OrderBookResponse { MarketId = 4, LastPrice = "105", Height = 42 };
        book.Asks.Add([Level("108", "10", 1), Level("110", "2500", 12)]); // lowest first, as the API sends them
        book.Bids.Add([Level("105", "20", 1), Level("99", "7", 2)]);      // highest first

        var lines = OrderBookText.Lines(Market, book);

        Assert.Equal("market 4: ms:1 / SER, last price 105, height 42", lines[0]);
        Assert.Equal(
        [
            "     price  quantity  orders",
            "ask    110      2500      12",
            "ask    108        10       1",
            "-- spread 3 (bid 105, ask 108) --",
            "bid    105        20       1",
            "bid     99         7       2",
        ], lines.Skip(1));
        // Every row's cells end in the same columns.
        var rows = lines.Skip(1).Where(l => !l.Contains("spread", StringComparison.Ordinal)).ToList();
        Assert.Single(rows.Select(r => r.Length).Distinct());
    }

    [Fact]
    public void Book_WithOneSideEmpty_SaysSo_AndNamesNoSpread()
    {
        var book = new OrderBookResponse { MarketId = 4, Height = 7 };
        book.Bids.Add(Level("100", "5", 1));

        var lines = OrderBookText.Lines(Market, book);

        Assert.Contains("last price none yet", lines[0]);
        int noAsks = lines.ToList().FindIndex(l => l.Contains("(no asks)", StringComparison.Ordinal));
        int spread = lines.ToList().FindIndex(l => l.Contains("no spread: no asks", StringComparison.Ordinal));
        int bid = lines.ToList().FindIndex(l => l.StartsWith("bid", StringComparison.Ordinal));
        Assert.True(noAsks > 0 && noAsks < spread && spread < bid, string.Join('\n', lines));
    }

    [Fact]
    public void Book_OfAHaltedMarket_SaysItIsHalted_AndWhy()
    {
        var halted = new MarketState(Market) { Halted = true, HaltReason = "certificate under review" };
        var lines = OrderBookText.Lines(halted, new OrderBookResponse { MarketId = 4, Height = 1 });
        Assert.EndsWith("(HALTED: certificate under review)", lines[0]);
        Assert.Contains(lines, l => l.Contains("empty book", StringComparison.Ordinal));
    }

    [Fact]
    public void Spread_IsExact_ForPricesBeyondLong()
    {
        var book = new OrderBookResponse();
        book.Asks.Add(Level("340282366920938463463374607431768211455", "1", 1));
        book.Bids.Add(Level("340282366920938463463374607431768211450", "1", 1));
        Assert.StartsWith("spread 5 ", OrderBookText.Spread(book));
    }
}
