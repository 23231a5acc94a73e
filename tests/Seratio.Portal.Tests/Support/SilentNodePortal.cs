using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Seratio.Portal.Hosting;

namespace Seratio.Portal.Tests.Support;

/// <summary>
/// A real portal on a free loopback port whose node never answers: a socket that accepts connections and never replies,
/// so each node call waits for its deadline (2 s unless the test sets another). One per test class.
/// </summary>
public sealed class SilentNodePortal : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SilentNodePortal(TcpListener node, PortalOptions options, WebApplication app)
    {
        Node = node;
        Options = options;
        _app = app;
        Http = new HttpClient { BaseAddress = new Uri(options.BrowserUrl) };
    }

    /// <summary>The silent node's socket: <see cref="TcpListener.Pending"/> says whether the portal tried to reach it.</summary>
    public TcpListener Node { get; }
    public PortalOptions Options { get; }
    /// <summary>A client of the portal, its base address set.</summary>
    public HttpClient Http { get; }

    /// <summary>Starts the silent node and a portal reading it, with <paramref name="configure"/>'s changes to the options.</summary>
    public static async Task<SilentNodePortal> StartAsync(Func<PortalOptions, PortalOptions>? configure = null)
    {
        var node = new TcpListener(IPAddress.Loopback, 0);
        node.Start(backlog: 64);
        var options = new PortalOptions($"http://127.0.0.1:{((IPEndPoint)node.LocalEndpoint).Port}", "127.0.0.1", TestPorts.Free())
        {
            NodeCallTimeout = TimeSpan.FromSeconds(2),
        };
        options = configure?.Invoke(options) ?? options;
        var app = PortalHost.Build(options);
        await app.StartAsync();
        return new SilentNodePortal(node, options, app);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.DisposeAsync();
        Node.Stop();
    }
}
