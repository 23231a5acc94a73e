using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Seratio.IntegrationTests.Portal;

/// <summary>
/// The DAF pages against a devnet the DAF governs (<see cref="DafPortalFixture"/>), in the shared browser: a proposal
/// run to execution (three yes through the CLI, one no from the browser wallet) shows its tally, rules, decoded message and votes; a grant the
/// treasury pays by conviction shows its curve filling up to the threshold and the close the chain stored.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed partial class DafPagesTests(PortalFixture portal, DafPortalFixture daf) : IClassFixture<DafPortalFixture>
{
    /// <summary>The DAF's account, the treasury: the same on every network (README, "Governed by the DAF").</summary>
    private const string Treasury = "ser1pdaj0e7tf377dnvltg9f7ds5xl9ru8mev2lpne";

    private const string Dev3Passphrase = "council member dev-3";

    private async Task<string> RunAsync(params string[] args)
    {
        var result = await daf.CliAsync(args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.StdOut;
    }

    private static ulong Id(Regex regex, string output)
    {
        var match = regex.Match(output);
        Assert.True(match.Success, output);
        return ulong.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<IPage> OpenAsync(string path)
    {
        var page = await portal.NewPageAsync();
        var response = await page.GotoAsync(daf.PortalUrl + path);
        Assert.Equal(200, response!.Status);
        return page;
    }

    private async Task CheckAsync(IPage page, string screenshot)
    {
        await portal.AssertAccessibleAsync(page);
        await portal.ScreenshotAsync(page, screenshot);
        Assert.Empty(portal.ConsoleErrors(page));
    }

    /// <summary>
    /// The browser wallet on the DAF devnet's portal with dev-3's key imported (the devnet derives it from its name), ready
    /// to vote before the proposal exists, so the vote is cast well inside the 10-block voting period.
    /// </summary>
    private async Task<IPage> WalletOfDev3Async()
    {
        using var key = Core.Crypto.SigningKey.ForTesting("devnet/dev-3");
        Assert.Equal(daf.AddressOf("dev-3"), key.Address.ToString());
        return await portal.WalletWithAsync(key, Dev3Passphrase, daf.PortalUrl);
    }

    /// <summary>Votes no on <paramref name="proposal"/> from the wallet page: review, sign in the browser, committed OK.</summary>
    private static async Task VoteNoFromTheBrowserAsync(IPage page, ulong proposal)
    {
        await page.FillAsync("#vote-proposal", proposal.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.SelectOptionAsync("#vote-option", "2");
        await page.Locator("#daf-vote").GetByRole(AriaRole.Button, new() { Name = "Review" }).ClickAsync();
        await Assertions.Expect(page.Locator("#review-fields")).ToContainTextAsync("VOTE_OPTION_NO");
        await page.FillAsync("#sign-pass", Dev3Passphrase);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign and send" }).ClickAsync();
        await Assertions.Expect(page.Locator("#result-status")).ToContainTextAsync(": OK", new() { Timeout = 60_000 });
    }

    [Fact]
    public async Task AProposalRunToExecution_AndAGrantPaidByConviction_ShowOnTheirPages()
    {
        string dev3 = daf.AddressOf("dev-3"), beneficiary = daf.AddressOf("dev-0");
        var wallet = await WalletOfDev3Async();
        ulong proposal = Id(ProposalLine(), await RunAsync("daf", "propose", "grant-role", "--title", "Accredit dev-3 for ESG", "--account", dev3,
            "--role", "issuer", "--method", "esg", "--from", "dev-0", "--wait"));

        // Members vote at once, each with its own key (no nonce shared), dev-3 from the browser wallet; dev-0 then funds
        // the treasury, dev-2 asks it for 1,300 SER and dev-1 stakes 1,000 SER: with a = 9/10 the conviction needs about
        // seven blocks to reach the threshold.
        await Task.WhenAll(
            Task.Run(async () =>
            {
                await RunAsync("daf", "vote", $"{proposal}", "yes", "--from", "dev-0", "--wait");
                await RunAsync("tx", "send", "--from", "dev-0", "--to", Treasury, "--amount", "10000SER", "--wait");
            }),
            RunAsync("daf", "vote", $"{proposal}", "yes", "--from", "dev-1", "--wait"),
            RunAsync("daf", "vote", $"{proposal}", "yes", "--from", "dev-2", "--wait"),
            VoteNoFromTheBrowserAsync(wallet, proposal));
        Assert.Empty(portal.ConsoleErrors(wallet));
        ulong grant = Id(GrantLine(), await RunAsync("grant", "request", "--title", "Seed bank", "--beneficiary", beneficiary, "--amount", "1300000000", "--from", "dev-2", "--wait"));
        await RunAsync("grant", "stake", $"{grant}", "1000000000", "--from", "dev-1", "--wait");
        await RunAsync("daf", "show", $"{proposal}", "--wait-for", "executed", "--timeout", "120");
        await RunAsync("grant", "show", $"{grant}", "--wait-for", "paid", "--timeout", "120");

        // The DAF's page: it governs, its council, the treasury after the payment, the proposal listed.
        var page = await OpenAsync("/daf");
        await Assertions.Expect(page.Locator("#daf-governs")).ToContainTextAsync("governs");
        await Assertions.Expect(page.Locator("#members tbody tr")).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator("#treasury")).ToContainTextAsync("8700 SER");
        await Assertions.Expect(page.Locator("#proposals")).ToContainTextAsync("Accredit dev-3 for ESG");
        await CheckAsync(page, "daf");

        // The proposal: executed, three of four weight yes, the rules it was submitted under, the decoded message, the votes.
        page = await OpenAsync($"/daf/proposals/{proposal}");
        await Assertions.Expect(page.Locator("#proposal-status")).ToContainTextAsync("executed at height");
        await Assertions.Expect(page.Locator("#execution")).ToContainTextAsync("every message ran");
        await Assertions.Expect(page.Locator("#tally tbody tr", new PageLocatorOptions { HasText = "yes" }).First).ToContainTextAsync("75.00 %");
        await Assertions.Expect(page.Locator("#tally tbody tr", new PageLocatorOptions { HasText = "no" }).First).ToContainTextAsync("25.00 %");
        await Assertions.Expect(page.Locator("#total-weight")).ToHaveTextAsync("4");
        await Assertions.Expect(page.Locator("#rules")).ToContainTextAsync("yes > 50.00 % of yes + no + veto");
        await Assertions.Expect(page.Locator("#rules")).ToContainTextAsync("votes cast ≥ 33.40 % of total weight");
        await Assertions.Expect(page.Locator("#messages")).ToContainTextAsync("grant_role");
        await Assertions.Expect(page.Locator("#messages")).ToContainTextAsync(dev3);
        await Assertions.Expect(page.Locator("#messages")).ToContainTextAsync("ROLE_ISSUER");
        await Assertions.Expect(page.Locator("#votes tbody tr")).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator("#votes tbody tr", new PageLocatorOptions { HasText = dev3 }).Locator("td").Nth(1)).ToHaveTextAsync("no");
        await Assertions.Expect(page.Locator("#tally svg.share[role=img]")).ToHaveCountAsync(5);
        await CheckAsync(page, "daf-proposal");

        // The grant: paid; its curve runs from the stake to the payment and ends on the conviction the chain stored.
        page = await OpenAsync($"/daf/grants/{grant}?staker={daf.AddressOf("dev-1")}");
        await Assertions.Expect(page.Locator("#grant-status")).ToContainTextAsync("paid 1300 SER");
        var curve = page.Locator("svg#conviction-curve[role=img]");
        await Assertions.Expect(curve).ToBeVisibleAsync();
        Assert.Equal(1, await curve.Locator("polyline.conviction").CountAsync());
        Assert.Equal(1, await curve.Locator("line.threshold").CountAsync());
        await Assertions.Expect(page.Locator("#curve-summary")).ToContainTextAsync("it reached the threshold and was paid at height");
        await Assertions.Expect(page.Locator("#curve-check")).ToContainTextAsync("equals the conviction the chain stored at the close");
        var rows = page.Locator("#curve-points tbody tr");
        Assert.InRange(await rows.CountAsync(), 3, 11);
        await Assertions.Expect(rows.First).ToContainTextAsync("below");
        await Assertions.Expect(rows.Last).ToContainTextAsync("reached");
        await Assertions.Expect(page.Locator("#stake")).ToContainTextAsync("stakes 1000000000 base units of SER");
        await CheckAsync(page, "daf-grant");

        page = await OpenAsync("/daf/grants?status=paid");
        await Assertions.Expect(page.Locator("#grants")).ToContainTextAsync("Seed bank");
        await portal.AssertAccessibleAsync(page);
        Assert.Empty(portal.ConsoleErrors(page));
    }

    [GeneratedRegex(@"(?m)^proposal: (\d+)")]
    private static partial Regex ProposalLine();

    [GeneratedRegex(@"grant\.request id=(\d+)")]
    private static partial Regex GrantLine();
}
