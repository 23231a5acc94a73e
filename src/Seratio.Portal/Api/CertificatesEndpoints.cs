using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Seratio.Portal.Certificates;
using Seratio.Portal.Hosting;
using Seratio.Portal.Node;

namespace Seratio.Portal.Api;

/// <summary>
/// The /api endpoints of the certificates pages: a certificate's document with its proof (what <c>seratio cert show ID
/// --prove -o json</c> prints), and the check of a posted document. Each has its limits (docs/portal.md, "Limits").
/// </summary>
internal static class CertificatesEndpoints
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/certificates/{id:long}/document", async (ulong id, PortalNode node, CancellationToken ct) =>
            Results.Text(JsonSerializer.Serialize(await CertificateProofs.DocumentAsync(node, id, ct), Indented), "application/json", Encoding.UTF8))
            .AddEndpointFilter(NodeErrorsFilter);
        app.MapPost("/api/certificates/verify", async (HttpContext http, PortalNode node, CancellationToken ct) =>
        {
            var (text, tooLarge) = await BoundedBody.ReadAsync(http.Request, PortalHost.MaxRequestBodyBytes, ct);
            if (tooLarge)
                return Results.Json(new { valid = false, reason = $"the document is larger than the portal accepts ({PortalHost.MaxRequestBodyBytes / 1024} KiB)" }, statusCode: StatusCodes.Status413PayloadTooLarge);
            if (!PastedDocument.TryParse(text, out var doc, out var error))
                return Results.Json(new { valid = false, reason = error }, statusCode: StatusCodes.Status400BadRequest);
            var verdict = await CertificateProofs.VerifyAsync(node, doc!, ct);
            return Results.Json(new
            {
                valid = verdict.Valid, reason = verdict.Reason, certificate = doc!.Certificate.Id, height = verdict.Height, state_root = verdict.StateRoot,
                block_hash = verdict.BlockHash, signed_power = verdict.SignedPower, total_power = verdict.TotalPower,
                signatures = verdict.Signatures.Select(s => new { validator = s.Validator, power = s.Power, in_set = s.InSet, valid = s.Valid }),
            });
        }).AddEndpointFilter(NodeErrorsFilter);
    }

    /// <summary>A node's refusal as a JSON error with the status a page would get (404, 400, 502).</summary>
    private static async ValueTask<object?> NodeErrorsFilter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try { return await next(context); }
        catch (Grpc.Core.RpcException rpc)
        {
            var (status, title) = NodeErrors.Describe(rpc);
            return Results.Json(new { error = title, detail = rpc.Status.Detail }, statusCode: status);
        }
    }
}
