using Microsoft.AspNetCore.Routing;

namespace Seratio.Portal.Api;

/// <summary>The /api endpoints of the wallet pages: account state for the wallet, relaying signed transactions. Each has its limits (docs/portal.md, "Limits").</summary>
internal static class WalletEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
    }
}
