using System.Net;
using System.Net.Sockets;
using Seratio.Portal.Hosting;

namespace Seratio.Portal.Tests.Hosting;

/// <summary>A real portal on a loopback port whose node does not answer: pages say so, the portal keeps serving.</summary>
public sealed class PortalWithoutNodeTests : IAsyncLifetime
{
    private readonly PortalOptions _options = new($"http://127.0.0.1:{FreePort()}", "127.0.0.1", FreePort()) { NodeCallTimeout = TimeSpan.FromSeconds(2) };
    private Microsoft.AspNetCore.Builder.WebApplication _app = null!;
    private readonly HttpClient _http = new();

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

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
