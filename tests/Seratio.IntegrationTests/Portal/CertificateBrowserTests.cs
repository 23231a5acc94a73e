using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Seratio.IntegrationTests.Portal;

/// <summary>
/// The certificates, lots, provenance and entity pages in a real browser against the fixture's devnet and its README
/// story (entity 1, certificate 1, class 1, lot 1, records 1 and 2). The revocation test issues its own certificate,
/// class and lot and revokes those, never the story's.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed partial class CertificateBrowserTests(PortalFixture portal)
{
    private async Task CheckedAsync(IPage page, string? screenshot = null)
    {
        await portal.AssertAccessibleAsync(page);
        if (screenshot is not null) await portal.ScreenshotAsync(page, screenshot);
        Assert.Empty(portal.ConsoleErrors(page));
    }

    /// <summary>
    /// From the list's first page (open on <paramref name="page"/>), the page below its newest id: it starts one id lower,
    /// holds every older id up to a page, and links back to the newest.
    /// </summary>
    private static async Task AssertPagesBackAsync(IPage page, string list)
    {
        var rows = page.Locator($"#{list} tbody tr td:first-child");
        ulong newest = ulong.Parse(await rows.First.InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(200, (await page.GotoAsync($"/{list}?before={newest}"))!.Status);
        await Assertions.Expect(page.Locator($"nav.pager a[href='/{list}']")).ToHaveTextAsync("Newest");
        var ids = (await rows.AllInnerTextsAsync()).Select(t => ulong.Parse(t, System.Globalization.CultureInfo.InvariantCulture));
        var expected = Enumerable.Range(1, (int)Math.Min(newest - 1, 20)).Select(i => newest - (ulong)i);
        Assert.Equal(expected, ids);
        Assert.Equal(newest > 21 ? 1 : 0, await page.Locator("nav.pager a[rel=next]").CountAsync());
    }

    [Fact]
    public async Task Certificate1_IsListed_AndItsPageShowsItValid_WithItsSignatures_Commands_AndQrCode()
    {
        var page = await portal.NewPageAsync();
        Assert.Equal(200, (await page.GotoAsync("/certificates"))!.Status);
        await Assertions.Expect(page.Locator("#certificates a[href='/certificates/1']")).ToHaveTextAsync("1");
        await CheckedAsync(page);
        await AssertPagesBackAsync(page, "certificates");

        Assert.Equal(200, (await page.GotoAsync("/certificates/1"))!.Status);
        await Assertions.Expect(page.Locator("#verdict")).ToContainTextAsync("VALID:");
        await Assertions.Expect(page.Locator("#verdict")).Not.ToContainTextAsync("INVALID");
        await Assertions.Expect(page.Locator("#certificate")).ToContainTextAsync("Wetlands Trust");
        await Assertions.Expect(page.Locator("#ratio")).ToContainTextAsync("3");
        await Assertions.Expect(page.Locator("#certificate")).ToContainTextAsync("300 GBP");
        await Assertions.Expect(page.Locator("#certificate")).ToContainTextAsync("sroi, version 1");
        await Assertions.Expect(page.Locator("#cert-status")).ToHaveTextAsync("active");
        var signatures = page.Locator("#signatures tbody tr");
        Assert.True(await signatures.CountAsync() >= 3, "a commit of four equal validators carries at least three signatures");
        await Assertions.Expect(signatures.First).ToContainTextAsync("signature valid");
        await Assertions.Expect(page.Locator("#verify-cmd")).ToContainTextAsync("seratio cert verify 1 --height");
        await Assertions.Expect(page.Locator("#verify-on-cmd")).ToContainTextAsync("--on eth|etc");
        var qr = page.Locator("svg.qr[role='img']");
        Assert.Contains($"{portal.PortalUrl.TrimEnd('/')}/certificates/1", await qr.GetAttributeAsync("aria-label"), StringComparison.Ordinal);
        await CheckedAsync(page, "certificate");
    }

    [Fact]
    public async Task TheCertificatesDocument_PastedInVerify_IsValid_AndATamperedValue_IsInvalidNamingIt()
    {
        var page = await portal.NewPageAsync();
        var download = await page.APIRequest.GetAsync("/api/certificates/1/document");
        Assert.Equal(200, download.Status);
        var json = await download.TextAsync();

        await page.GotoAsync("/verify");
        await page.Locator("#document").FillAsync(json);
        await page.Locator("#verify-submit").ClickAsync();
        await Assertions.Expect(page.Locator("#verdict")).ToContainTextAsync("VALID:");
        await Assertions.Expect(page.Locator("#verdict")).Not.ToContainTextAsync("INVALID");

        var doc = JsonNode.Parse(json)!;
        doc["certificate"]!["social_value"] = "900";
        await page.Locator("#document").FillAsync(doc.ToJsonString());
        await page.Locator("#verify-submit").ClickAsync();
        await Assertions.Expect(page.Locator("#verdict")).ToContainTextAsync("INVALID");
        await Assertions.Expect(page.Locator("#verdict")).ToContainTextAsync("social_value is \"900\", the proof says \"300\"");
        await CheckedAsync(page, "verify-invalid");

        await page.Locator("#document").FillAsync("{ this is not a document");
        var refused = await page.RunAndWaitForResponseAsync(() => page.Locator("#verify-submit").ClickAsync(), r => r.Url.EndsWith("/verify", StringComparison.Ordinal));
        Assert.Equal(400, refused.Status);
        await Assertions.Expect(page.Locator("#verify-error")).ToContainTextAsync("not a certificate document");
    }

    [Fact]
    public async Task Lot1_LineageGraph_ShowsCertificate1_AndTheMintingTransaction_EachALink()
    {
        var page = await portal.NewPageAsync();
        Assert.Equal(200, (await page.GotoAsync("/lots/1"))!.Status);
        var graph = page.Locator("#lot-graph");
        await Assertions.Expect(graph.Locator("a[href='/certificates/1']")).ToHaveCountAsync(1);
        await Assertions.Expect(graph.Locator("a[href^='/search?q=']", new() { HasText = "minting transaction" })).ToHaveCountAsync(1);
        await Assertions.Expect(graph.Locator("a[href='/entities/1']")).ToHaveCountAsync(1);
        await Assertions.Expect(graph.Locator("a[href='/records/2']")).ToHaveCountAsync(1);
        await Assertions.Expect(graph.Locator("[role='img']")).ToHaveAttributeAsync("aria-label", new Regex("certificate 1"));
        await Assertions.Expect(page.Locator("#lineage-text")).ToContainTextAsync("1000 SER");
        await Assertions.Expect(page.Locator("#lineage-text")).ToContainTextAsync("Minting transaction");
        await Assertions.Expect(page.Locator("#lot-status")).ToHaveTextAsync("movable");
        await Assertions.Expect(page.Locator("#holders")).ToContainTextAsync(portal.AddressOf("dev-2"));

        await page.Locator("#holder").FillAsync(portal.AddressOf("dev-3"));
        await page.Locator("#holder").PressAsync("Enter");
        await Assertions.Expect(page.Locator("#holders")).ToContainTextAsync(portal.AddressOf("dev-3"));
        await CheckedAsync(page, "lot-lineage");
    }

    [Fact]
    public async Task Record2_Graph_ShowsRecord1AsItsAncestor()
    {
        var page = await portal.NewPageAsync();
        Assert.Equal(200, (await page.GotoAsync("/records/2"))!.Status);
        var graph = page.Locator("#record-graph");
        var one = graph.Locator("a[href='/records/1']");
        var two = graph.Locator("a[href='/records/2']");
        await Assertions.Expect(one).ToHaveCountAsync(1);
        await Assertions.Expect(two).ToHaveCountAsync(1);
        var x1 = double.Parse((await one.Locator("rect").GetAttributeAsync("x"))!, System.Globalization.CultureInfo.InvariantCulture);
        var x2 = double.Parse((await two.Locator("rect").GetAttributeAsync("x"))!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(x1 < x2, "the ancestor stands left of the record");
        await Assertions.Expect(graph.Locator("line")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#ancestors")).ToContainTextAsync("record 1, depth 1");
        await Assertions.Expect(page.Locator("#record")).ToContainTextAsync("lot 1");
        await CheckedAsync(page, "provenance-graph");

        await one.ClickAsync();
        await PortalFixture.ExpectPathAsync(page, "/records/1");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Provenance record 1");
        await Assertions.Expect(page.Locator("#descendants")).ToContainTextAsync("record 2");
    }

    [Fact]
    public async Task Entity1_GathersItsCertificate_Class_Records_AndController()
    {
        var page = await portal.NewPageAsync();
        Assert.Equal(200, (await page.GotoAsync("/entities"))!.Status);
        await Assertions.Expect(page.Locator("#entities")).ToContainTextAsync("Wetlands Trust");
        await CheckedAsync(page);
        await AssertPagesBackAsync(page, "entities");

        await page.GotoAsync("/entities/1");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Wetlands Trust");
        await Assertions.Expect(page.Locator("#entity-certificates a[href='/certificates/1']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#entity-classes a[href='/classes/1']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#entity-records a[href='/records/2']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#controllers")).ToContainTextAsync(portal.AddressOf("dev-2"));
        await CheckedAsync(page, "entity");

        await page.Locator("#entity-classes a[href='/classes/1']").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("WET");
        await Assertions.Expect(page.Locator("#class a[href='/certificates/1']")).ToHaveCountAsync(1);
        await CheckedAsync(page);
    }

    [Fact]
    public async Task RevokingANewCertificate_FreezesItsLot_AndTheLotAndCertificatePagesSayWhy()
    {
        var issued = await CliOk("cert", "issue", "--subject", "1", "--period-start", "2025-01-01", "--period-end", "2026-01-01",
            "--social-value", "500", "--financial-value", "100", "--scale", "0", "--social-unit", "GBP", "--currency", "GBP",
            "--method", "sroi", "--method-version", "1", "--evidence-uri", "ipfs://frozen-test",
            "--evidence-hash", new string('c', 64), "--valid-until", "2099-01-01", "--from", "dev-1", "--wait");
        var certificate = Id(issued, CertificateIssued());
        var symbol = $"FZ{certificate}";
        var created = await CliOk("microshare", "class-create", symbol, "--name", "Freeze test", "--certificate", certificate, "--rule", "se-ratio", "--from", "dev-1", "--wait");
        var classId = Id(created, ClassCreated());
        var minted = await CliOk("microshare", "mint", classId, "--certificate", certificate, "--amount", "100", "--from", "dev-2", "--wait");
        var lot = Id(minted, LotMinted());
        await CliOk("cert", "revoke", certificate, "--reason", "browser test withdraws it", "--from", "dev-1", "--wait");

        var page = await portal.NewPageAsync();
        Assert.Equal(200, (await page.GotoAsync($"/lots/{lot}"))!.Status);
        await Assertions.Expect(page.Locator("#lot-status")).ToHaveTextAsync("frozen");
        await Assertions.Expect(page.Locator("#frozen")).ToContainTextAsync($"certificate {certificate} revoked at height");
        await Assertions.Expect(page.Locator("#frozen")).ToContainTextAsync("browser test withdraws it");
        await Assertions.Expect(page.Locator("#frozen a[href='/certificates/" + certificate + "']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#lot-graph a[href='/certificates/" + certificate + "']")).ToContainTextAsync("revoked");
        await CheckedAsync(page, "lot-frozen");

        await page.GotoAsync($"/certificates/{certificate}");
        await Assertions.Expect(page.Locator("#cert-status")).ToHaveTextAsync("revoked");
        await Assertions.Expect(page.Locator("#revocation")).ToContainTextAsync("browser test withdraws it");
        await Assertions.Expect(page.Locator("#revocation")).ToContainTextAsync(portal.AddressOf("dev-1"));
        await Assertions.Expect(page.Locator("#verdict")).ToContainTextAsync("VALID:");
        await CheckedAsync(page);

        // The story's certificate is untouched.
        await page.GotoAsync("/certificates/1");
        await Assertions.Expect(page.Locator("#cert-status")).ToHaveTextAsync("active");
    }

    private async Task<string> CliOk(params string[] args)
    {
        var result = await portal.CliAsync(args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.StdOut;
    }

    private static string Id(string output, Regex pattern)
    {
        var match = pattern.Match(output);
        Assert.True(match.Success, $"no {pattern} in:\n{output}");
        return match.Groups[1].Value;
    }

    [GeneratedRegex(@"certificate_issued id=(\d+)")]
    private static partial Regex CertificateIssued();

    [GeneratedRegex(@"microshare_class_created class=(\d+)")]
    private static partial Regex ClassCreated();

    [GeneratedRegex(@"microshares_minted class=\d+ lot=(\d+)")]
    private static partial Regex LotMinted();
}
