using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Seratio.Portal.Tests.Support;

/// <summary>Serves one in-process fake of the node's gRPC API on a free loopback port (HTTP/2), for portals under test to read.</summary>
public static class FakeNodeHost
{
    public static async Task<(WebApplication App, string Url)> StartAsync<TNode>(TNode node) where TNode : class
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(node);
        var app = builder.Build();
        app.MapGrpcService<TNode>();
        await app.StartAsync();
        return (app, app.Urls.First());
    }
}
