using Microsoft.AspNetCore.Routing;

namespace Seratio.Portal.Api;

/// <summary>The /api endpoints of the navigator pages: ranking entities for a values profile sent by the browser. Each has its limits (docs/portal.md, "Limits").</summary>
internal static class NavigatorEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
    }
}
