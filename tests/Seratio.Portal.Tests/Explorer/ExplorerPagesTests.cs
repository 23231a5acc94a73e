using System.Net;
using Seratio.Portal.Explorer;

namespace Seratio.Portal.Tests.Explorer;

/// <summary>The explorer's pages against a fake node: what they show, what they link, and their answers to bad input.</summary>
public sealed class ExplorerPagesTests : IAsyncLifetime
{
    private ExplorerPortal _portal = null!;

    public async Task InitializeAsync() => _portal = await ExplorerPortal.StartAsync();

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task FrontPage_ShowsStatus_TheLatestTenBlocks_AndTheValidators()
    {
        var (status, body) = await _portal.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("id=\"latest-height\" data-live=\"height\">30<", body, StringComparison.Ordinal);
        Assert.Contains("href=\"/blocks/30\"", body, StringComparison.Ordinal);
        Assert.Contains("href=\"/blocks/21\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/blocks/20\"", body, StringComparison.Ordinal);
        Assert.Contains("2 validators, total power 20", body, StringComparison.Ordinal);
        Assert.Contains("deciding height 31, round 0", body, StringComparison.Ordinal);
        Assert.Contains("/static/js/live.js", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Blocks_ArePagedByTheBeforeCursor()
    {
        var (_, top) = await _portal.GetAsync("/blocks");
        Assert.Contains("href=\"/blocks/30\"", top, StringComparison.Ordinal);
        Assert.Contains("href=\"/blocks/11\"", top, StringComparison.Ordinal);
        Assert.Contains("href=\"/blocks?before=11\"", top, StringComparison.Ordinal);

        var (status, last) = await _portal.GetAsync("/blocks?before=11");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("href=\"/blocks/10\"", last, StringComparison.Ordinal);
        Assert.Contains("href=\"/blocks/1\"", last, StringComparison.Ordinal);
        Assert.DoesNotContain("Older", last, StringComparison.Ordinal);
        Assert.Contains("href=\"/blocks?before=31\"", last, StringComparison.Ordinal); // newer
    }

    [Fact]
    public async Task BlockPage_ByHeightAndByHash_ListsItsTransactionWithALink()
    {
        var (status, body) = await _portal.GetAsync($"/blocks/{FakeExplorerNode.TxBlock}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"href=\"/txs/{FakeExplorerNode.TxHash}\"", body, StringComparison.Ordinal);
        Assert.Contains("IssueCertificate", body, StringComparison.Ordinal);
        Assert.Contains($"href=\"/accounts/{FakeExplorerNode.Holder}\"", body, StringComparison.Ordinal);

        var (byHash, again) = await _portal.GetAsync($"/blocks/{FakeExplorerNode.HashHex(FakeExplorerNode.TxBlock)}");
        Assert.Equal(HttpStatusCode.OK, byHash);
        Assert.Contains($"<h1>Block {FakeExplorerNode.TxBlock}</h1>", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TxPage_DecodesTheMessageFieldByField_WithLinks_AndShowsTheReceiptAndEvents()
    {
        var (status, body) = await _portal.GetAsync($"/txs/{FakeExplorerNode.TxHash}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<code>issue_certificate</code>", body, StringComparison.Ordinal);
        Assert.Contains("<dt>subject</dt>", body, StringComparison.Ordinal);
        Assert.Contains("href=\"/entities/1\"", body, StringComparison.Ordinal);
        Assert.Contains("<dt>method_id</dt>", body, StringComparison.Ordinal);
        Assert.Contains("sroi", body, StringComparison.Ordinal);
        Assert.Contains("certificate_issued", body, StringComparison.Ordinal);
        Assert.Contains("href=\"/certificates/1\"", body, StringComparison.Ordinal);
        Assert.Contains("40,000 used of 100,000", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccountPage_ListsSerAndTheLotsHeld_LinkingEachLot()
    {
        var (status, body) = await _portal.GetAsync($"/accounts/{FakeExplorerNode.Holder}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("25 SER", body, StringComparison.Ordinal);
        Assert.Contains("href=\"/lots/1\"", body, StringComparison.Ordinal);
        Assert.Contains("href=\"/classes/1\"", body, StringComparison.Ordinal);
        Assert.Contains("800 units in 1 lot(s)", body, StringComparison.Ordinal);

        var (_, other) = await _portal.GetAsync($"/accounts/{FakeExplorerNode.Proposer}");
        Assert.Contains("No microshares held", other, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidatorsPage_ShowsPower_TheRoundsVotes_AndWhoMissedTheLatestCommit()
    {
        var (status, body) = await _portal.GetAsync("/validators");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("validator-0", body, StringComparison.Ordinal);
        Assert.Contains("50.0%", body, StringComparison.Ordinal);
        Assert.Contains("data-cell=\"prevote\">block ", body, StringComparison.Ordinal);
        Assert.Contains("data-cell=\"prevote\">nil<", body, StringComparison.Ordinal);
        Assert.Contains("data-cell=\"precommit\">not yet<", body, StringComparison.Ordinal);
        Assert.Contains(">signed<", body, StringComparison.Ordinal);
        Assert.Contains(">absent<", body, StringComparison.Ordinal);
        Assert.Contains("No evidence of misbehaviour", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("12", "/blocks/12")]
    [InlineData(" cert:1 ", "/certificates/1")]
    [InlineData("entity:1", "/entities/1")]
    [InlineData("LOT:1", "/lots/1")]
    [InlineData("class:1", "/classes/1")]
    public async Task Search_ForWhatExists_RedirectsToItsPage(string q, string expected)
    {
        using var response = await _portal.Http.GetAsync($"/search?q={Uri.EscapeDataString(q)}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Search_ForAHashOrAnAddress_FindsTheBlockTheTxOrTheAccount()
    {
        async Task<string?> Where(string q)
        {
            using var r = await _portal.Http.GetAsync($"/search?q={q}");
            return r.Headers.Location?.OriginalString;
        }
        Assert.Equal($"/blocks/{FakeExplorerNode.HashHex(3)}", await Where(FakeExplorerNode.HashHex(3)));
        Assert.Equal($"/txs/{FakeExplorerNode.TxHash}", await Where(FakeExplorerNode.TxHash.ToUpperInvariant()));
        Assert.Equal($"/accounts/{FakeExplorerNode.Holder}", await Where(FakeExplorerNode.Holder.ToString()));
    }

    [Theory]
    [InlineData("999")]
    [InlineData("cert:9")]
    [InlineData("record:1")]
    [InlineData("hello")]
    [InlineData("0")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")]
    public async Task Search_ForWhatTheChainDoesNotHold_IsNothingFound404(string q)
    {
        var (status, body) = await _portal.GetAsync($"/search?q={q}");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("Nothing found", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/search?q=")]
    [InlineData("/search?q=cert:abc")]
    [InlineData("/search?q=lot:0")]
    [InlineData("/blocks/abc")]
    [InlineData("/blocks/0")]
    [InlineData("/blocks/12345678901234567890123")]
    [InlineData("/blocks?before=-1")]
    [InlineData("/txs/12ab")]
    [InlineData("/accounts/ser1notanaddress")]
    public async Task MalformedInput_Is400_AndNeverReachesTheNode(string path)
    {
        int before = _portal.Node.Calls;
        var (status, body) = await _portal.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("role=\"alert\"", body, StringComparison.Ordinal);
        Assert.Equal(before, _portal.Node.Calls);
    }

    [Fact]
    public async Task ASearchLongerThanTheBound_Is400()
    {
        var (status, _) = await _portal.GetAsync($"/search?q={new string('7', ChainIds.MaxInputChars + 1)}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Theory]
    [InlineData("/blocks/31")]
    [InlineData("/blocks/1111111111111111111111111111111111111111111111111111111111111111")]
    [InlineData("/txs/1111111111111111111111111111111111111111111111111111111111111111")]
    public async Task UnknownBlocksAndTxs_Are404Pages_AndThePortalKeepsServing(string path)
    {
        var (status, body) = await _portal.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("role=\"alert\"", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await _portal.GetAsync("/blocks/1")).Status);
    }
}
