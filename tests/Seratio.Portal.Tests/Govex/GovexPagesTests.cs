using System.Net;
using Microsoft.AspNetCore.Builder;
using Seratio.Portal.Hosting;
using Seratio.Portal.Pages.Shared;
using Seratio.Portal.Tests.Support;

namespace Seratio.Portal.Tests.Govex;

/// <summary>
/// The exchange and DAF pages of a real portal over <see cref="FakeGovexNode"/>: what the node knows is shown, an id the
/// node does not know is the node's 404, malformed input is a 400 that never reaches the node, and the portal keeps
/// serving after each.
/// </summary>
public sealed class GovexPagesTests : IAsyncLifetime
{
    private WebApplication _node = null!;
    private FakeGovexNode _fake = null!;
    private WebApplication _portal = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync()
    {
        (_node, _fake, var url) = await FakeGovexNode.StartAsync();
        var options = new PortalOptions(url, "127.0.0.1", TestPorts.Free());
        _portal = PortalHost.Build(options);
        await _portal.StartAsync();
        _http.BaseAddress = new Uri(options.BrowserUrl);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _portal.DisposeAsync();
        await _node.DisposeAsync();
    }

    private async Task<(HttpStatusCode Status, string Body)> GetAsync(string path)
    {
        var response = await _http.GetAsync(path);
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Theory]
    [InlineData("/exchange/markets/8", "market 8 not found")]
    [InlineData("/daf/proposals/4", "proposal 4 not found")]
    [InlineData("/daf/grants/6", "grant 6 not found")]
    public async Task UnknownIds_AreTheNodes404_NamingWhatWasAskedFor(string path, string detail)
    {
        var (status, body) = await GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("Not found on this chain", body, StringComparison.Ordinal);
        Assert.Contains(detail, body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/exchange/markets/abc", "market id 'abc' is not an id")]
    [InlineData("/exchange/markets/0", "market id '0' is not an id")]
    [InlineData("/exchange/markets/18446744073709551616", "is not an id")]
    [InlineData("/exchange/markets/-1", "is not an id")]
    [InlineData("/exchange/markets/007", "is not an id")]
    [InlineData("/daf/proposals/x1", "proposal id 'x1' is not an id")]
    [InlineData("/daf/grants/1.5", "grant id '1.5' is not an id")]
    [InlineData("/daf?status=won", "status 'won' is not a proposal status")]
    [InlineData("/daf/grants?status=voting", "status 'voting' is not a grant status")]
    [InlineData("/daf/grants/5?staker=ser1notanaddress", "staker 'ser1notanaddress' is not an address")]
    [InlineData("/exchange?page=a&page=b", "page token")]
    [InlineData("/daf/proposals/3?votes=%00", "votes page token")]
    public async Task MalformedInput_IsA400SayingWhatIsExpected_AndNeverReachesTheNode(string path, string detail)
    {
        int before = _fake.Calls;
        var (status, body) = await GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(detail, body, StringComparison.Ordinal);
        Assert.Contains("role=\"alert\"", body, StringComparison.Ordinal);
        Assert.Equal(before, _fake.Calls);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/exchange")).Status);
    }

    [Fact]
    public async Task APageTokenBeyondItsBound_IsA400_OneAtTheBound_GoesToTheNode()
    {
        int before = _fake.Calls;
        var (status, _) = await GetAsync("/exchange?page=" + new string('7', NodePaging.MaxTokenChars + 1));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(before, _fake.Calls);

        // At the bound the token is the node's to judge: this node refuses it (InvalidArgument), which is a 400 too.
        var (atBound, body) = await GetAsync("/exchange?page=" + new string('8', NodePaging.MaxTokenChars));
        Assert.Equal(HttpStatusCode.BadRequest, atBound);
        Assert.Contains("is not one this node gave", body, StringComparison.Ordinal);
        Assert.True(_fake.Calls > before);
    }

    [Fact]
    public async Task MarketPage_DrawsTheDepth_WithTheSameLevelsInTables_AndTheTrade()
    {
        var (status, body) = await GetAsync($"/exchange/markets/{FakeGovexNode.MarketId}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<svg id=\"depth-chart\" role=\"img\"", body, StringComparison.Ordinal);
        Assert.Contains("2 bid levels from 4 to 3 holding 30 in all; 1 ask level at 6 holding 40", body, StringComparison.Ordinal);
        Assert.Contains("spread 2 (bid 4, ask 6)", body, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\">3</td><td class=\"num\">10</td><td class=\"num\">1</td><td class=\"num\">30</td>", body, StringComparison.Ordinal);
        Assert.Contains("id=\"trades\"", body, StringComparison.Ordinal);
        Assert.Contains("maker 10 bps, taker 20 bps", body, StringComparison.Ordinal);
        Assert.Equal(Pages.ExchangePages.MarketModel.Depth, _fake.LastDepth);
    }

    [Fact]
    public async Task MarketsPage_ListsTheMarket_WithBestBidAndAsk()
    {
        var (status, body) = await GetAsync("/exchange");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<a href=\"/exchange/markets/7\">Market 7</a>", body, StringComparison.Ordinal);
        Assert.Contains("GVX / SER", body, StringComparison.Ordinal);
        Assert.Equal(Pages.ExchangePages.IndexModel.PageSize, _fake.LastMarketsPageSize);
    }

    [Fact]
    public async Task ProposalPage_ShowsTheTallyAsSharesOfTheSnapshot_TheRulesAndTheDecodedMessage()
    {
        var (status, body) = await GetAsync($"/daf/proposals/{FakeGovexNode.ProposalId}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("executed at height 22: every message ran", body, StringComparison.Ordinal);
        Assert.Contains("75.00 %", body, StringComparison.Ordinal);
        Assert.Contains("yes > 50.00 % of yes + no + veto", body, StringComparison.Ordinal);
        Assert.Contains("<code>grant_role</code>", body, StringComparison.Ordinal);
        Assert.Contains("ROLE_ISSUER", body, StringComparison.Ordinal);
        Assert.Equal(Pages.DafPages.ProposalModel.VotesPerPage, _fake.LastVotesPageSize);
    }

    [Fact]
    public async Task DafPage_PagesItsProposals_KeepingTheStatusFilter()
    {
        var (status, body) = await GetAsync("/daf?status=executed");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("href=\"/daf?status=executed&page=2\"", body, StringComparison.Ordinal);
        Assert.Contains("<option value=\"executed\" selected=\"selected\">executed</option>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GrantPage_DrawsTheCurveFromTheLastStake_ToTheHeightItReachesTheThreshold()
    {
        var (status, body) = await GetAsync($"/daf/grants/{FakeGovexNode.GrantId}?staker=ser1k62ld8hnpynsl7mwwwzzsnkrrecekwryjmcqrt");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<svg id=\"conviction-curve\" role=\"img\"", body, StringComparison.Ordinal);
        // grants.md's worked numbers: 4 SER from height 10, a = 9/10, threshold 20 SER: reached after 7 blocks.
        Assert.Contains("it reaches the threshold at height 17", body, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\">17</td><td class=\"num\">20868124</td>", body, StringComparison.Ordinal);
        Assert.Contains("93.71 % of the threshold", body, StringComparison.Ordinal);
        Assert.Contains("has no stake on this grant", body, StringComparison.Ordinal);
    }
}
