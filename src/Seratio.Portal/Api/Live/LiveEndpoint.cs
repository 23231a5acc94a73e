using System.Text;
using Microsoft.AspNetCore.Http;

namespace Seratio.Portal.Api.Live;

/// <summary>
/// Serves one browser a <see cref="LiveFeed"/> as server-sent events: 503 when the feed is full, a keep-alive comment
/// after each <see cref="LiveOptions.KeepAlive"/> of silence, and the browser's place freed as soon as it goes (or the
/// portal stops). Stateless.
/// </summary>
internal static class LiveEndpoint
{
    public static async Task ServeAsync(HttpContext http, LiveFeed feed, LiveOptions options, CancellationToken stopping)
    {
        using var subscription = feed.TryJoin();
        if (subscription is null)
        {
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            http.Response.Headers.RetryAfter = "10";
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync($"at most {feed.MaxBrowsers} browsers follow /api/stream/{feed.Name} at once; retry later", http.RequestAborted);
            return;
        }
        using var gone = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        var ct = gone.Token;
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        try
        {
            await WriteAsync(http, "retry: 5000\n: connected\n\n", ct);
            while (!ct.IsCancellationRequested)
            {
                using var quiet = CancellationTokenSource.CreateLinkedTokenSource(ct);
                quiet.CancelAfter(options.KeepAlive);
                bool more;
                try
                {
                    more = await subscription.Events.WaitToReadAsync(quiet.Token);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    await WriteAsync(http, ": keep-alive\n\n", ct);
                    continue;
                }
                if (!more) return; // the feed closed (the portal stops)
                var batch = new StringBuilder();
                while (subscription.Events.TryRead(out var e)) batch.Append(e.ToWire());
                await WriteAsync(http, batch.ToString(), ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // the browser left or the portal stops: its place is freed by the using above
        }
        catch (IOException)
        {
            // the connection broke mid-write
        }
    }

    private static async Task WriteAsync(HttpContext http, string text, CancellationToken ct)
    {
        await http.Response.WriteAsync(text, ct);
        await http.Response.Body.FlushAsync(ct);
    }
}
