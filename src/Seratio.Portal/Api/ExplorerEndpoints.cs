using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Seratio.Portal.Api.Live;
using Seratio.Portal.Hosting;
using Seratio.Portal.Node;

namespace Seratio.Portal.Api;

/// <summary>The /api endpoints of the explorer pages: the live streams of blocks and of the consensus round, each ONE
/// upstream reader of the node shared by every browser, with a cap on browsers (docs/portal.md, "Explorer", "Limits").</summary>
internal static class ExplorerEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var node = app.ServiceProvider.GetRequiredService<PortalNode>();
        var options = app.ServiceProvider.GetRequiredService<PortalOptions>().Live;
        var lifetime = app.ServiceProvider.GetRequiredService<IHostApplicationLifetime>();
        var time = TimeProvider.System;
        var blocks = new LiveFeed("blocks", LiveSources.Blocks(node), options, time, replay: LiveSources.RecentBlocks);
        var consensus = new LiveFeed("consensus", LiveSources.Consensus(node, options.ConsensusPoll, time), options, time);
        lifetime.ApplicationStopping.Register(() => { blocks.Dispose(); consensus.Dispose(); });

        app.MapGet("/api/stream/blocks", (HttpContext http) => LiveEndpoint.ServeAsync(http, blocks, options, lifetime.ApplicationStopping));
        app.MapGet("/api/stream/consensus", (HttpContext http) => LiveEndpoint.ServeAsync(http, consensus, options, lifetime.ApplicationStopping));
    }
}
