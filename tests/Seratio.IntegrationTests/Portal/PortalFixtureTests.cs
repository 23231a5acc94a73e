using Microsoft.Playwright;

namespace Seratio.IntegrationTests.Portal;

/// <summary>The portal a devnet serves, opened in a real browser: the front page reads the chain, and is accessible.</summary>
[Collection(PortalCollection.Name)]
public sealed class PortalFixtureTests(PortalFixture portal)
{
    [Fact]
    public async Task DevnetServesThePortal_ItsFrontPageShowsTheChain_AndPassesAxe()
    {
        var page = await portal.NewPageAsync();
        var response = await page.GotoAsync("/");
        Assert.Equal(200, response!.Status);
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(portal.Genesis.ChainId);
        await portal.AssertAccessibleAsync(page);
        await portal.ScreenshotAsync(page, "front-skeleton");
        Assert.Empty(portal.ConsoleErrors(page));
    }
}
