using Microsoft.AspNetCore.Routing;

namespace Seratio.Portal.Api;

/// <summary>The /api endpoints of the certificates pages: proof checks of pasted documents, lineage graphs. Each has its limits (docs/portal.md, "Limits").</summary>
internal static class CertificatesEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
    }
}
