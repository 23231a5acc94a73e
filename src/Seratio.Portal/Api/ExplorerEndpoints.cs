using Microsoft.AspNetCore.Routing;

namespace Seratio.Portal.Api;

/// <summary>The /api endpoints of the explorer pages: blocks, the live streams, search. Each has its limits (docs/portal.md, "Limits").</summary>
internal static class ExplorerEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
    }
}
