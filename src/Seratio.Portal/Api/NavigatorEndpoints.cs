using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Seratio.Client.Values;
using Seratio.Portal.Hosting;
using Seratio.Portal.Navigator;

namespace Seratio.Portal.Api;

/// <summary>The /api endpoints of the navigator pages: ranking entities for a values profile sent by the browser. Each has its limits (docs/portal.md, "Limits").</summary>
internal static class NavigatorEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        // POST /api/navigator/rank: body = the profile's JSON (at most ValuesProfileJson.MaxBytes), answer = the ranking's
        // JSON (Seratio.Client's RankingJson). A bad profile is a 400 naming the problem; a node that refuses or does not
        // answer is the status the pages use for it, with the node's message. Nothing the browser sends is kept.
        app.MapPost("/api/navigator/rank", async (HttpContext http, NavigatorRanking navigator, CancellationToken ct) =>
        {
            var body = await ReadBoundedAsync(http.Request, ValuesProfileJson.MaxBytes, ct);
            if (body is null)
                return Error(StatusCodes.Status413PayloadTooLarge, $"the profile is larger than {ValuesProfileJson.MaxBytes} bytes");
            var parsed = ValuesProfileJson.Parse(body);
            if (parsed.Profile is not { } profile) return Error(StatusCodes.Status400BadRequest, parsed.Error!);
            try
            {
                var (snapshot, ranking) = await navigator.RankAsync(profile, ct);
                return Results.Content(RankingJson.Write(profile, snapshot, ranking), "application/json; charset=utf-8");
            }
            catch (RpcException ex) when (ex.StatusCode != StatusCode.Cancelled || !ct.IsCancellationRequested)
            {
                var (status, title) = NodeErrors.Describe(ex);
                return Error(status, $"{title}: {ex.Status.Detail}");
            }
        });
    }

    private static IResult Error(int status, string message) => Results.Json(new { error = message }, statusCode: status);

    /// <summary>The body as UTF-8 text, or null when it is longer than <paramref name="limit"/> bytes (read no further than that).</summary>
    private static async Task<string?> ReadBoundedAsync(HttpRequest request, int limit, CancellationToken ct)
    {
        if (request.ContentLength > limit) return null;
        var buffer = new byte[limit + 1];
        int read = 0, n;
        while (read < buffer.Length && (n = await request.Body.ReadAsync(buffer.AsMemory(read), ct)) > 0) read += n;
        return read > limit ? null : System.Text.Encoding.UTF8.GetString(buffer, 0, read);
    }
}
