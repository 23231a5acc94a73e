using Microsoft.AspNetCore.Builder;
using Seratio.Portal.Api.Live;
using Seratio.Portal.Hosting;
using Seratio.Portal.Tests.Support;

namespace Seratio.Portal.Tests.Explorer;

/// <summary>A real portal on a loopback port reading a <see cref="FakeExplorerNode"/>; its HTTP client does not follow redirects.</summary>
internal sealed class ExplorerPortal : IAsyncDisposable
{
    private WebApplication _nodeApp = null!;
    private WebApplication _portal = null!;

    public FakeExplorerNode Node { get; private set; } = null!;
    public HttpClient Http { get; } = new(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };
    public PortalOptions Options { get; private set; } = null!;

    public static async Task<ExplorerPortal> StartAsync(LiveOptions? live = null)
    {
        var p = new ExplorerPortal();
        (p._nodeApp, p.Node, var url) = await FakeExplorerNode.StartAsync();
        p.Options = new PortalOptions(url, "127.0.0.1", TestPorts.Free()) { Live = live ?? new LiveOptions() };
        p._portal = PortalHost.Build(p.Options);
        await p._portal.StartAsync();
        p.Http.BaseAddress = new Uri(p.Options.BrowserUrl);
        return p;
    }

    public async Task<(System.Net.HttpStatusCode Status, string Body)> GetAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _portal.DisposeAsync();
        await _nodeApp.DisposeAsync();
    }
}
