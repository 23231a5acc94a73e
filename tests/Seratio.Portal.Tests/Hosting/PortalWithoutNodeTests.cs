using System.Net;
using System.Net.Sockets;
using Seratio.Portal.Hosting;

namespace Seratio.Portal.Tests.Hosting;

/// <summary>
/// A real portal on a loopback port whose node does not answer (a socket that accepts connections and never replies,
/// so each call waits for its deadline): pages say so, the portal keeps serving.
/// </summary>
public sealed class PortalWithoutNodeTests : IAsyncLifetime
{
    private readonly TcpListener _silentNode = StartSilentNode();
    private readonly PortalOptions _options;
    private Microsoft.AspNetCore.Builder.WebApplication _app = null!;
    private readonly HttpClient _http = new();

    public PortalWithoutNodeTests() => _options = new($"http://127.0.0.1:{((IPEndPoint)_silentNode.LocalEndpoint).Port}", "127.0.0.1", FreePort())
    {
        NodeCallTimeout = TimeSpan.FromSeconds(2),
        MaxConcurrentRequests = 4,
        MaxQueuedRequests = 4,
    };

    private static TcpListener StartSilentNode()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start(backlog: 64);
        return listener;
    }

    public async Task InitializeAsync()
    {
        _app = PortalHost.Build(_options);
        await _app.StartAsync();
        _http.BaseAddress = new Uri(_options.BrowserUrl);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
        _silentNode.Stop();
    }

    [Fact]
    public async Task FrontPage_WhenTheNodeDoesNotAnswer_IsA502NamingTheNode_AndTheNextRequestIsServed()
    {
        var response = await _http.GetAsync("/");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("The node does not answer", body, StringComparison.Ordinal);
        Assert.Contains(_options.NodeUrl, body, StringComparison.Ordinal);

        var css = await _http.GetAsync("/static/css/portal.css");
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task UnknownPathsAndFiles_Are404Pages()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("/no-such-page")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("/static/js/no-such.js")).StatusCode);
    }

    [Fact]
    public async Task StaticFiles_CarryAnETag_AndAnswer304ToIt()
    {
        var first = await _http.GetAsync("/static/js/portal.js");
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        using var again = new HttpRequestMessage(HttpMethod.Get, "/static/js/portal.js");
        again.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await _http.SendAsync(again)).StatusCode);
    }

    [Fact]
    public async Task ACrowdOfSlowPages_BeyondTheRunningAndQueuedBound_Gets503AtOnce_AndThePortalServesAfter()
    {
        // The node does not answer, so each page holds its slot for the node call's timeout (2 s).
        var crowd = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _http.GetAsync("/")));
        var codes = crowd.Select(r => r.StatusCode).ToList();
        Assert.Equal(_options.MaxConcurrentRequests + _options.MaxQueuedRequests, codes.Count(c => c == HttpStatusCode.BadGateway));
        Assert.Equal(20 - _options.MaxConcurrentRequests - _options.MaxQueuedRequests, codes.Count(c => c == HttpStatusCode.ServiceUnavailable));

        // Static files are never held back by the crowd, and once it is gone, pages are served again.
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/static/css/portal.css")).StatusCode);
        Assert.Equal(HttpStatusCode.BadGateway, (await _http.GetAsync("/")).StatusCode);
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
