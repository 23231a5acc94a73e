using System.Net;
using System.Text;
using System.Text.Json;
using Seratio.Client.Values;
using Seratio.Portal.Navigator;
using Seratio.Portal.Tests.Support;

namespace Seratio.Portal.Tests.Navigator;

/// <summary>
/// POST /api/navigator/rank and the /navigator page's GET form on a real portal whose node never answers: a bad or
/// oversized profile is refused at once (400, 413) with a sentence, before any call to the node; a good one waits for the
/// node and says it does not answer (502); the portal keeps serving after each.
/// </summary>
public sealed class NavigatorEndpointTests : IAsyncLifetime
{
    private SilentNodePortal _portal = null!;
    private HttpClient Http => _portal.Http;

    public async Task InitializeAsync() =>
        _portal = await SilentNodePortal.StartAsync(o => o with { NodeCallTimeout = TimeSpan.FromSeconds(1) });

    public Task DisposeAsync() => _portal.DisposeAsync().AsTask();

    private Task<HttpResponseMessage> Rank(string json) =>
        Http.PostAsync("/api/navigator/rank", new StringContent(json, Encoding.UTF8, "application/json"));

    private static async Task<string> ErrorOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString()!;

    [Theory]
    [InlineData("not json", "the profile is not JSON")]
    [InlineData("""{"labels":{"sdg:13":500}}""", "label 'sdg:13' has weight 500; weights are whole numbers 0-100")]
    [InlineData("""{"minRatio":"-2"}""", "minRatio '-2' is not a number like 1 or 1.5")]
    [InlineData("""{"colour":"green"}""", "unknown field 'colour'")]
    public async Task ABadProfile_Is400WithTheProblem_WithoutAskingTheNode(string json, string error)
    {
        var response = await Rank(json);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(error, await ErrorOf(response), StringComparison.Ordinal);
        Assert.False(_portal.Node.Pending(), "a refused profile never opens a connection to the node");
    }

    [Fact]
    public async Task AProfileLargerThanTheBound_Is413_AndThePortalServesAfter()
    {
        var response = await Rank("{\"labels\":{}" + new string(' ', ValuesProfileJson.MaxBytes) + "}");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("the profile is larger than 16384 bytes", await ErrorOf(response));

        Assert.Equal(HttpStatusCode.BadRequest, (await Rank("[]")).StatusCode);
    }

    [Fact]
    public async Task AGoodProfile_WhenTheNodeDoesNotAnswer_Is502NamingIt()
    {
        var response = await Rank("""{"labels":{"sdg:13":5}}""");
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.True(_portal.Node.Pending(), "a good profile is read against the node");
        Assert.StartsWith("The node does not answer", await ErrorOf(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePage_WithoutAProfile_ShowsTheFormOnly_AndABadFormIs400SayingWhy()
    {
        var empty = await Http.GetAsync("/navigator");
        var html = await empty.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("id=\"navigator-form\"", html, StringComparison.Ordinal);
        Assert.Contains("/static/js/navigator.js", html, StringComparison.Ordinal);

        var bad = await Http.GetAsync("/navigator?weights=sdg%3A13+%3D+lots&min=1");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("the weight of label &#x27;sdg:13&#x27; must be a whole number, not &#x27;lots&#x27;", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheScriptAndStylesheet_AreServed()
    {
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync("/static/js/navigator.js")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync("/static/css/navigator.css")).StatusCode);
    }

    [Theory]
    [InlineData("sdg:13 = 5\nsdg:6=3", "", "", "", "", """{"labels":{"sdg:13":5,"sdg:6":3},"minRatio":"0","certificateWeight":1,"provenanceWeight":0,"maxProvenanceDepth":4}""")]
    [InlineData("sdg:13=5, local = 1", "1.5", "10", "2", "8", """{"labels":{"local":1,"sdg:13":5},"minRatio":"1.5","certificateWeight":10,"provenanceWeight":2,"maxProvenanceDepth":8}""")]
    public void TheForm_ReadsAsTheSameProfile(string weights, string min, string cert, string prov, string depth, string json)
    {
        var result = NavigatorRanking.FromForm(weights, min, cert, prov, depth);
        Assert.Null(result.Error);
        Assert.Equal(json, ValuesProfileJson.Serialize(result.Profile!));
    }

    [Theory]
    [InlineData("sdg:13", "", "'sdg:13' is not \"label = weight\"")]
    [InlineData("= 4", "", "'= 4' is not \"label = weight\"")]
    [InlineData("sdg:13 = 5", "x", "minRatio 'x' is not a number")]
    public void ABadForm_SaysWhatIsWrong(string weights, string min, string error)
    {
        Assert.StartsWith(error, NavigatorRanking.FromForm(weights, min, null, null, null).Error, StringComparison.Ordinal);
    }
}
