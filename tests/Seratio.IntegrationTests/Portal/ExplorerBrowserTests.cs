using Grpc.Net.Client;
using Microsoft.Playwright;
using Seratio.Core.Crypto;
using Seratio.Protocol;

namespace Seratio.IntegrationTests.Portal;

/// <summary>
/// The explorer in a real browser against the story's devnet: blocks advance on the front page without a reload, a
/// block page, the certificate issuance decoded, dev-3's account holding lot 1, the validators' live round, search.
/// Every page passes axe and logs no console error.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class ExplorerBrowserTests(PortalFixture portal)
{
    private async Task<IPage> OpenAsync(string path, int status = 200)
    {
        var page = await portal.NewPageAsync();
        var response = await page.GotoAsync(path);
        Assert.Equal(status, response!.Status);
        return page;
    }

    /// <summary>axe passes and the console holds no error, except chromium's own line for each document the test opened
    /// on purpose with a 4xx status (<paramref name="errorDocuments"/>).</summary>
    private async Task CheckAsync(IPage page, int errorDocuments = 0)
    {
        await portal.AssertAccessibleAsync(page);
        var errors = portal.ConsoleErrors(page);
        Assert.Equal(errorDocuments, errors.Count(e => e.StartsWith("Failed to load resource: the server responded with a status of 40", StringComparison.Ordinal)));
        Assert.Equal(errorDocuments, errors.Count);
    }

    /// <summary>The story's certificate issuance: found through ListBlocks (blocks with transactions only) and GetBlock.</summary>
    private async Task<(string TxHash, ulong Height)> CertificateIssuanceAsync()
    {
        using var channel = GrpcChannel.ForAddress(portal.NodeUrl);
        var api = new NodeApi.NodeApiClient(channel);
        ulong before = 0;
        do
        {
            var page = await api.ListBlocksAsync(new ListBlocksRequest { Before = before, PageSize = 100 });
            foreach (var summary in page.Blocks.Where(b => b.TxCount > 0))
            {
                var block = await api.GetBlockAsync(new GetBlockRequest { Height = summary.Height });
                foreach (var bytes in block.Block.Txs)
                {
                    var tx = Tx.Parser.ParseFrom(bytes);
                    if (TxBody.Parser.ParseFrom(tx.Body).Msgs.Any(m => m.KindCase == Msg.KindOneofCase.IssueCertificate))
                        return (Hashing.Hash(Domains.Tx, tx.Body.Span).ToString(), summary.Height);
                }
            }
            before = page.NextBefore;
        } while (before != 0);
        throw new InvalidOperationException("the story's certificate issuance is not on the chain");
    }

    [Fact]
    public async Task FrontPage_ShowsBlocksAdvancingLive_WithoutAReload()
    {
        var page = await OpenAsync("/");
        int navigations = 0;
        page.FrameNavigated += (_, frame) => { if (frame == page.MainFrame) navigations++; };
        var height = page.Locator("#latest-height");
        ulong first = ulong.Parse(await height.InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);

        await page.WaitForFunctionAsync($"() => Number(document.getElementById('latest-height').textContent) >= {first + 2}", null,
            new PageWaitForFunctionOptions { Timeout = 30_000 });
        var topRow = page.Locator("#latest-blocks tbody tr").First;
        ulong shown = ulong.Parse(await topRow.Locator("td").First.InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(shown >= first + 2, $"the table's newest block is {shown}, the page started at {first}");
        var heights = (await page.Locator("#latest-blocks tbody tr td:first-child").AllInnerTextsAsync())
            .Select(t => ulong.Parse(t, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(10, heights.Count);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => heights[0] - (ulong)i), heights); // newest first, no gap, no repeat
        await Assertions.Expect(page.Locator("#live-note")).ToContainTextAsync("committed");
        // The consensus line follows the blocks: the height after the newest one shown (it was rendered before them).
        await page.WaitForFunctionAsync("() => document.getElementById('consensus-now').textContent === `deciding height ${Number(document.getElementById('latest-height').textContent) + 1}`",
            null, new PageWaitForFunctionOptions { Timeout = 10_000 });
        Assert.Equal(0, navigations);
        await Assertions.Expect(page.Locator("section[aria-labelledby=validators-h]")).ToContainTextAsync("4 validators");
        await portal.ScreenshotAsync(page, "explorer-front");
        await CheckAsync(page);
    }

    [Fact]
    public async Task BlockPage_OfTheCertificateIssuance_LinksItsTransaction_AndTxPageDecodesTheMessage()
    {
        var (hash, height) = await CertificateIssuanceAsync();
        var block = await OpenAsync($"/blocks/{height}");
        await Assertions.Expect(block.Locator("h1")).ToHaveTextAsync($"Block {height}");
        await Assertions.Expect(block.Locator("td", new() { HasText = "IssueCertificate" })).ToBeVisibleAsync();
        await portal.ScreenshotAsync(block, "explorer-block");
        await CheckAsync(block);

        await block.Locator($"a[href='/txs/{hash}']").ClickAsync();
        await PortalFixture.ExpectPathAsync(block, $"/txs/{hash}");
        await Assertions.Expect(block.Locator("h3", new() { HasText = "issue_certificate" })).ToBeVisibleAsync();
        await Assertions.Expect(block.Locator("dt", new() { HasText = "method_id" })).ToBeVisibleAsync();
        await Assertions.Expect(block.Locator("a[href='/entities/1']").First).ToBeVisibleAsync();
        await Assertions.Expect(block.Locator(".badge", new() { HasText = "OK" })).ToBeVisibleAsync();
        await Assertions.Expect(block.Locator("h2", new() { HasText = "Events" })).ToBeVisibleAsync();
        Assert.True(await block.Locator("table tbody tr").CountAsync() >= 1, "the receipt's events are listed");
        await portal.ScreenshotAsync(block, "explorer-tx");
        await CheckAsync(block);
    }

    [Fact]
    public async Task AccountPage_OfDev3_ShowsSerAndLot1()
    {
        var page = await OpenAsync($"/accounts/{portal.AddressOf("dev-3")}");
        await Assertions.Expect(page.Locator("#ser-balance")).ToContainTextAsync("SER");
        await Assertions.Expect(page.Locator("a[href='/lots/1']")).ToHaveTextAsync("Lot 1");
        await Assertions.Expect(page.Locator("a[href='/certificates/1']").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("a[href='/classes/1']")).ToContainTextAsync("WET");
        await portal.ScreenshotAsync(page, "explorer-account");
        await CheckAsync(page);
    }

    [Fact]
    public async Task ValidatorsPage_ShowsTheSet_AndTheRoundUpdatesLive()
    {
        var page = await OpenAsync("/validators");
        Assert.Equal(4, await page.Locator("table").First.Locator("tbody tr").CountAsync());
        var round = page.Locator("#round-now");
        var before = await round.InnerTextAsync();
        await page.WaitForFunctionAsync($"() => document.getElementById('round-now').textContent !== {System.Text.Json.JsonSerializer.Serialize(before)}", null,
            new PageWaitForFunctionOptions { Timeout = 30_000 });
        Assert.Equal(4, await page.Locator("#round-votes tbody tr").CountAsync());
        await Assertions.Expect(page.Locator("#round-votes td[data-cell=prevote]").First).Not.ToBeEmptyAsync();
        await portal.ScreenshotAsync(page, "explorer-validators");
        await CheckAsync(page);
    }

    [Fact]
    public async Task Search_FromTheHeaderForm_GoesToTheBlock_TheCertificateLink_OrSaysNothingFound()
    {
        var page = await OpenAsync("/");
        await page.Locator("#search-q").FillAsync("2");
        await page.Locator("#search-q").PressAsync("Enter");
        await PortalFixture.ExpectPathAsync(page, "/blocks/2");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Block 2");

        var (hash, _) = await CertificateIssuanceAsync();
        await page.Locator("#search-q").FillAsync(hash);
        await page.Locator("#search-q").PressAsync("Enter");
        await PortalFixture.ExpectPathAsync(page, $"/txs/{hash}");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Transaction");
        await Assertions.Expect(page.Locator("main p.mono").First).ToHaveTextAsync(hash);

        var nothing = await page.GotoAsync("/search?q=cert:999999");
        Assert.Equal(404, nothing!.Status);
        await Assertions.Expect(page.Locator("[role=alert]")).ToContainTextAsync("Nothing found");
        await CheckAsync(page, errorDocuments: 1);

        var bad = await page.GotoAsync("/blocks/not-a-block");
        Assert.Equal(400, bad!.Status);
        await Assertions.Expect(page.Locator("[role=alert]")).ToContainTextAsync("height");
        await CheckAsync(page, errorDocuments: 2);
    }
}
