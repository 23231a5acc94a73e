using Microsoft.AspNetCore.Routing;

namespace Seratio.Portal.Api;

/// <summary>The /api endpoints of the governance pages: exchange and DAF data the pages poll. Each has its limits (docs/portal.md, "Limits").</summary>
internal static class GovernanceEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
    }
}
