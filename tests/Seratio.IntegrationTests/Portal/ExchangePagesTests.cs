using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Seratio.IntegrationTests.Portal;

/// <summary>
/// The exchange pages against the shared devnet: a market of the test's own (an altcoin dev-1 creates, listed by the
/// authority dev-0; its id read from the receipt), a sell and a buy that cross and a bid that rests, then the market page
/// shows the book as a depth chart and tables, the spread and the trade. Nothing of the story's objects is touched.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class ExchangePagesTests(PortalFixture portal)
{
    [Fact]
    public async Task MarketPage_ShowsTheBookAsDepthAndTables_AndTheTradeOfACrossingSellAndBuy()
    {
        var (id, symbol) = await portal.NewMarketAsync(portal.AddressOf("dev-2"));

        await portal.CliOkAsync("dex", "place", "--market", id, "--side", "sell", "--price", "5", "--quantity", "50", "--from", "dev-2", "--wait");
        await portal.CliOkAsync("dex", "place", "--market", id, "--side", "buy", "--price", "6", "--quantity", "30", "--from", "dev-1", "--wait");
        await portal.CliOkAsync("dex", "place", "--market", id, "--side", "buy", "--price", "3", "--quantity", "20", "--from", "dev-1", "--wait");

        var page = await portal.NewPageAsync();
        var response = await page.GotoAsync($"/exchange/markets/{id}");
        Assert.Equal(200, response!.Status);
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync($"Market {id}: {symbol} / SER");
        await Assertions.Expect(page.Locator("#market-status")).ToContainTextAsync("trading");
        // The batch cleared at the resting ask's price, 5: 30 traded, 20 left on the ask; the bid at 3 rests.
        await Assertions.Expect(page.Locator("#spread")).ToHaveTextAsync("spread 2 (bid 3, ask 5)");
        var chart = page.Locator("svg#depth-chart[role=img]");
        await Assertions.Expect(chart).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#depth-desc")).ToContainTextAsync("1 bid level at 3 holding 20; 1 ask level at 5 holding 20");
        Assert.Equal(1, await chart.Locator("path.depth-bids").CountAsync());
        Assert.Equal(1, await chart.Locator("path.depth-asks").CountAsync());
        Assert.Equal(new[] { "5 | 20 | 1 | 20" }, await RowsAsync(page.Locator("#asks tbody tr")));
        Assert.Equal(new[] { "3 | 20 | 1 | 20" }, await RowsAsync(page.Locator("#bids tbody tr")));
        var cells = (await RowsAsync(page.Locator("#trades tbody tr"))).Single().Split(" | ");
        Assert.Equal(new[] { "1", "5", "30" }, new[] { cells[0], cells[2], cells[3] });
        await Assertions.Expect(page.Locator("#market-facts")).ToContainTextAsync("5 (height");
        await portal.AssertAccessibleAsync(page);
        await portal.ScreenshotAsync(page, "exchange-market");
        Assert.Empty(portal.ConsoleErrors(page));

        // The list shows it with its last price and best bid and ask, and links to it.
        await page.GotoAsync("/exchange");
        var row = page.Locator("#markets tbody tr", new PageLocatorOptions { HasText = $"{symbol} / SER" });
        await Assertions.Expect(row).ToContainTextAsync("trading");
        var listed = (await RowsAsync(row)).Single().Split(" | ");
        Assert.Equal(new[] { "5", "30", "3", "5" }, new[] { listed[2], listed[3], listed[5], listed[6] });
        await portal.AssertAccessibleAsync(page);
        await row.Locator("a").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/exchange/markets/{id}$"));
        Assert.Empty(portal.ConsoleErrors(page));
    }

    /// <summary>Each row's cells, trimmed, joined by " | ".</summary>
    private static async Task<List<string>> RowsAsync(ILocator rows)
    {
        var all = new List<string>();
        foreach (var row in await rows.AllAsync())
            all.Add(string.Join(" | ", (await row.Locator("td").AllInnerTextsAsync()).Select(t => t.Trim())));
        return all;
    }
}
