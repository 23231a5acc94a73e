using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Seratio.Portal.Node;

namespace Seratio.Portal.Hosting;

/// <summary>
/// Builds the portal's web application: Razor Pages (Pages/), the embedded browser files (/static/…), the JSON and
/// event-stream endpoints the browser's scripts use (/api/…), all reading one node through <see cref="PortalNode"/>.
/// The composition root: nothing else registers services.
/// </summary>
public static class PortalHost
{
    /// <summary>The largest request body the portal accepts (a signed transaction relayed by the wallet, a pasted proof).</summary>
    public const long MaxRequestBodyBytes = 256 * 1024;

    public static WebApplication Build(PortalOptions options, Action<ILoggingBuilder>? logging = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(PortalHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.Logging.ClearProviders();
        if (logging is not null) logging(builder.Logging);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            kestrel.AddServerHeader = false;
            switch (options.ListenHost)
            {
                case "0.0.0.0" or "*" or "+": kestrel.ListenAnyIP(options.ListenPort); break;
                case "[::]": kestrel.Listen(IPAddress.IPv6Any, options.ListenPort); break;
                case "localhost": kestrel.ListenLocalhost(options.ListenPort); break;
                default: kestrel.Listen(IPAddress.Parse(options.ListenHost.Trim('[', ']')), options.ListenPort); break;
            }
        });

        // A public portal must not let a crowd of slow pages queue up calls to its node without bound: a fixed number of
        // requests run at once, a fixed number wait, the rest are told to come back (503). Event streams are exempt
        // here; each stream endpoint caps its own connections.
        builder.Services.AddRateLimiter(limits =>
        {
            limits.RejectionStatusCode = StatusCodes.Status503ServiceUnavailable;
            limits.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                http.Request.Path.StartsWithSegments("/api/stream") || http.Request.Path.StartsWithSegments("/static")
                    ? RateLimitPartition.GetNoLimiter("unlimited")
                    : RateLimitPartition.GetConcurrencyLimiter("pages", _ => new ConcurrencyLimiterOptions
                    {
                        PermitLimit = options.MaxConcurrentRequests,
                        QueueLimit = options.MaxQueuedRequests,
                        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                    }));
        });
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<PortalNode>();
        builder.Services.AddSingleton<Navigator.NavigatorRanking>();
        builder.Services.AddRazorPages(pages => pages.Conventions.ConfigureFilter(new NodeErrors()))
            .AddApplicationPart(typeof(PortalHost).Assembly);

        var app = builder.Build();
        app.Use(async (http, next) =>
        {
            // The wallet's keys live in this origin's storage: no framing, no foreign scripts, no sniffing.
            http.Response.Headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers["Referrer-Policy"] = "no-referrer";
            await next(http);
        });
        app.UseRateLimiter();
        app.UseStatusCodePagesWithReExecute("/status/{0}");
        StaticFiles.Map(app);
        Api.ExplorerEndpoints.Map(app);
        Api.CertificatesEndpoints.Map(app);
        Api.NavigatorEndpoints.Map(app);
        Api.WalletEndpoints.Map(app);
        Api.GovernanceEndpoints.Map(app);
        app.MapRazorPages();
        return app;
    }

    /// <summary>True when <paramref name="host"/> is a host the portal can listen on (an IP address, localhost or a wildcard).</summary>
    public static bool IsListenHost(string host) =>
        host is "0.0.0.0" or "*" or "+" or "[::]" or "localhost" || IPAddress.TryParse(host.Trim('[', ']'), out _);
}
