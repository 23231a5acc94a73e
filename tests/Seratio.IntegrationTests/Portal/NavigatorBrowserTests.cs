using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Seratio.IntegrationTests.Portal;

/// <summary>
/// The values navigator in a real browser against the story's devnet: a profile that values certified work ranks entity
/// 1 (certificate 1, active, ratio 3, and two provenance records, the second built on the first) above an entity this
/// test registers without any certificate, and each says why; the profile stays in the browser and comes back on the
/// next visit; the form works without script too; a bad profile is refused with the reason.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed partial class NavigatorBrowserTests(PortalFixture portal)
{
    [Fact]
    public async Task ACertifiedEntity_RanksAboveAnUncertifiedOne_AndEachSaysWhy()
    {
        var registered = await portal.CliAsync("entity", "register", "--kind", "organisation", "--name", "Uncertified Navigator Co", "--from", "dev-3", "--wait");
        Assert.True(registered.ExitCode == 0, registered.ToString());
        var plain = EntityId().Match(registered.StdOut).Groups[1].Value;

        var page = await portal.NewPageAsync();
        Assert.Equal(200, (await page.GotoAsync("/navigator"))!.Status);
        // Certificate 1 of the story carries no label; a label it lacks shows that labels only add where they are.
        await page.GetByLabel("Label weights").FillAsync("sdg:13 = 5");
        await page.GetByLabel("Minimum S/E ratio").FillAsync("2");
        await page.GetByLabel("Points per counted certificate").FillAsync("10");
        await page.GetByLabel("Points per level of provenance").FillAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rank entities" }).ClickAsync();

        var certified = page.Locator("li.ranked[data-entity='1']");
        var uncertified = page.Locator($"li.ranked[data-entity='{plain}']");
        await Assertions.Expect(uncertified).ToBeVisibleAsync();
        // Other tests of the collection may add evidence to entity 1; the story's own is there whatever they do.
        await Assertions.Expect(certified.Locator(".score")).ToHaveTextAsync(PositiveScore());
        await Assertions.Expect(certified.Locator("li.reason")).ToContainTextAsync(
            ["certificate 1 active, S/E ratio 3: +10", "no counted certificate carries sdg:13: adds nothing", "provenance: 2 records, depth 2: 1 × 2 = +2"]);
        await Assertions.Expect(uncertified.Locator(".score")).ToHaveTextAsync("score 0");
        await Assertions.Expect(uncertified.Locator("li.reason")).ToHaveTextAsync(["no certificates: adds nothing", "no provenance records: adds nothing"]);
        var order = await page.Locator("li.ranked").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.entity)");
        Assert.True(Array.IndexOf(order, "1") < Array.IndexOf(order, plain), $"entity 1 should rank above entity {plain}: {string.Join(", ", order)}");
        await Assertions.Expect(page.Locator("#nav-saved")).ToHaveTextAsync("Profile saved in this browser.");

        await portal.AssertAccessibleAsync(page);
        await portal.ScreenshotAsync(page, "navigator");
        Assert.Empty(portal.ConsoleErrors(page));

        // The profile lives in this browser: the next visit fills the form and ranks again.
        await page.GotoAsync("/navigator");
        await Assertions.Expect(page.GetByLabel("Label weights")).ToHaveValueAsync("sdg:13 = 5");
        await Assertions.Expect(page.GetByLabel("Minimum S/E ratio")).ToHaveValueAsync("2");
        await Assertions.Expect(certified.Locator("li.reason").First).ToHaveTextAsync("certificate 1 active, S/E ratio 3: +10");
        Assert.Empty(portal.ConsoleErrors(page));

        // A ratio minimum above certificate 1's ratio leaves it out, and says so.
        await page.GetByLabel("Minimum S/E ratio").FillAsync("3.5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rank entities" }).ClickAsync();
        await Assertions.Expect(certified.Locator("li.reason").First).ToHaveTextAsync("certificate 1: S/E ratio 3 is below your minimum 3.5: adds nothing");

        // A bad profile is refused with the reason, as an alert.
        await page.GetByLabel("Label weights").FillAsync("sdg:13 = 500");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rank entities" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("label 'sdg:13' has weight 500; weights are whole numbers 0-100");
    }

    [Fact]
    public async Task WithoutScript_TheGetFormRanksOnTheServer()
    {
        var context = await portal.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = portal.PortalUrl, JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync("/navigator");
        Assert.Equal(200, response!.Status);
        await page.GetByLabel("Points per counted certificate").FillAsync("10");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rank entities" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/navigator\?weights=.*cert=10"));
        await Assertions.Expect(page.Locator("li.ranked[data-entity='1'] li.reason").First).ToHaveTextAsync("certificate 1 active, S/E ratio 3: +10");
        await Assertions.Expect(page.Locator("#ranking-title")).ToContainTextAsync("Ranking at height");
        await context.DisposeAsync();
    }

    [GeneratedRegex(@"^score [1-9][0-9]*$")]
    private static partial Regex PositiveScore();

    [GeneratedRegex(@"entity_registered id=(\d+)")]
    private static partial Regex EntityId();
}
