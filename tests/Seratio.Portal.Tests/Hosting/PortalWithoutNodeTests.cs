using System.Net;
using Seratio.Portal.Hosting;
using Seratio.Portal.Tests.Support;

namespace Seratio.Portal.Tests.Hosting;

/// <summary>
/// A real portal on a loopback port whose node does not answer (a socket that accepts connections and never replies,
/// so each call waits for its deadline): pages say so, the portal keeps serving.
/// </summary>
public sealed class PortalWithoutNodeTests : IAsyncLifetime
{
    private SilentNodePortal _portal = null!;
    private HttpClient Http => _portal.Http;
    private PortalOptions Options => _portal.Options;

    public async Task InitializeAsync() =>
        _portal = await SilentNodePortal.StartAsync(o => o with { MaxConcurrentRequests = 4, MaxQueuedRequests = 4 });

    public Task DisposeAsync() => _portal.DisposeAsync().AsTask();

    [Fact]
    public async Task FrontPage_WhenTheNodeDoesNotAnswer_IsA502NamingTheNode_AndTheNextRequestIsServed()
    {
        var response = await Http.GetAsync("/");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("The node does not answer", body, StringComparison.Ordinal);
        Assert.Contains(Options.NodeUrl, body, StringComparison.Ordinal);

        var css = await Http.GetAsync("/static/css/portal.css");
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task UnknownPathsAndFiles_Are404Pages()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync("/no-such-page")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync("/static/js/no-such.js")).StatusCode);
    }

    [Fact]
    public async Task StaticFiles_CarryAnETag_AndAnswer304ToIt()
    {
        var first = await Http.GetAsync("/static/js/portal.js");
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        using var again = new HttpRequestMessage(HttpMethod.Get, "/static/js/portal.js");
        again.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await Http.SendAsync(again)).StatusCode);
    }

    [Fact]
    public async Task ACrowdOfSlowPages_BeyondTheRunningAndQueuedBound_Gets503AtOnce_AndThePortalServesAfter()
    {
        // The node does not answer, so each page holds its slot for the node call's timeout (2 s).
        var crowd = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Http.GetAsync("/")));
        var codes = crowd.Select(r => r.StatusCode).ToList();
        Assert.Equal(Options.MaxConcurrentRequests + Options.MaxQueuedRequests, codes.Count(c => c == HttpStatusCode.BadGateway));
        Assert.Equal(20 - Options.MaxConcurrentRequests - Options.MaxQueuedRequests, codes.Count(c => c == HttpStatusCode.ServiceUnavailable));

        // Static files are never held back by the crowd, and once it is gone, pages are served again.
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync("/static/css/portal.css")).StatusCode);
        Assert.Equal(HttpStatusCode.BadGateway, (await Http.GetAsync("/")).StatusCode);
    }
}
