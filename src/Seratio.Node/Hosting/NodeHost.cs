using System.Security.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Seratio.Node.Api;
using Seratio.Node.Chain;
using Seratio.Node.Endpoints;
using Seratio.Node.Metrics;
using Seratio.Node.P2P.Hosting;

namespace Seratio.Node.Hosting;

/// <summary>
/// Builds a node from a home folder: HOME/config/genesis.json, HOME/config/node.json (sections
/// "Chain", "Api", "Mempool", "Logging"; optional), HOME/keys/ (validator key), HOME/data/
/// (RocksDB). Configuration layers, later wins: node.json, environment variables prefixed
/// <c>SERATIO_</c> (<c>SERATIO_Api__Listen=…</c>), then <paramref name="overrides"/>, which are
/// command-line style ("--Api:Listen=127.0.0.1:9191"). The public API is gRPC over HTTP/2
/// (cleartext, or HTTPS with TLS 1.2/1.3 when Api:TlsCertificateFile is set), with server reflection. With a "P2P" section the peer network listens on its
/// own port (docs/p2p.md); with
/// Metrics:Listen, Prometheus metrics are served on a third (docs/operations.md). Stateless; each call builds a new application.
/// </summary>
public static class NodeHost
{
    public static WebApplication Build(string home, string[]? overrides = null) =>
        Build(home, overrides, static (services, configuration, root) => services.AddSeratioChain(configuration, root));

    /// <summary>As <see cref="Build(string, string[])"/>, with the chain registration replaceable (tests register a fake chain).</summary>
    internal static WebApplication Build(string home, string[]? overrides, Action<IServiceCollection, IConfiguration, string> addChain)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(home);
        home = Path.GetFullPath(home);
        if (!Directory.Exists(home)) throw new DirectoryNotFoundException($"node home '{home}' does not exist; create it with `seratio testnet` or `seratio init`");

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = home, Args = [] });
        builder.Configuration.Sources.Clear();
        builder.Configuration
            // Defaults an operator can override in node.json: the node's own events at Information,
            // ASP.NET's and gRPC's per-request chatter only when something is wrong (gRPC logs every
            // refused call at Information, with its detail and stack trace: a client's error, which
            // ApiErrorInterceptor already logs bounded at Debug).
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                ["Logging:LogLevel:Grpc"] = "Warning",
            })
            .AddJsonFile(Path.Combine(home, "config", "node.json"), optional: true, reloadOnChange: false)
            .AddEnvironmentVariables("SERATIO_")
            .AddCommandLine(overrides ?? []);

        var api = ReadApiOptions(builder.Configuration);
        var apiCertificate = ApiCertificate.Load(api, home);
        var limits = ReadLimits(builder.Configuration);
        var budget = ConnectionBudget.From(limits, ConnectionBudget.ReadDescriptorLimit());
        var apiGate = new ConnectionGate("api", budget.Api, budget.ApiPerAddress, TimeSpan.FromMilliseconds(Math.Min(limits.IdleTimeoutMs, 10_000)));
        builder.Services.AddSingleton(budget);
        builder.Services.AddKeyedSingleton("api", apiGate);
        ListenEndpoint.TryParse(api.Listen, out var endpoint, out _);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // An idle connection (or one that never sends its request headers) is closed, not held for minutes.
            kestrel.Limits.KeepAliveTimeout = TimeSpan.FromMilliseconds(limits.IdleTimeoutMs);
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromMilliseconds(Math.Min(limits.IdleTimeoutMs, 10_000));
            Action<Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions> http2 = o =>
            {
                o.Protocols = HttpProtocols.Http2;
                o.Use(apiGate.Middleware); // before TLS: a flood of connections is bounded before any handshake work
                if (apiCertificate is not null) o.UseHttps(apiCertificate, https => https.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13);
            };
            if (endpoint.Localhost) kestrel.ListenLocalhost(endpoint.Port, http2);
            else kestrel.Listen(endpoint.Address!, endpoint.Port, http2);
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));

        addChain(builder.Services, builder.Configuration, home);
        builder.Services.AddSeratioMempoolAndApi(builder.Configuration);
        bool p2p = builder.AddSeratioP2P(home, budget);
        bool metrics = builder.AddSeratioMetrics(budget);

        var app = builder.Build();
        if (metrics) app.UseSeratioMetrics();
        if (p2p) app.MapSeratioP2P();
        // Bound by hand, not MapGrpcService<NodeApiService>(), so that undecodable requests get InvalidArgument (StrictRequests).
        // One service instance (it holds no per-call state), made at the first call as the generated binding would.
        var nodeApi = new Lazy<NodeApiService>(() => ActivatorUtilities.CreateInstance<NodeApiService>(app.Services));
        app.MapGrpcService(_ => StrictRequests.Bind<NodeApiService>(Seratio.Protocol.NodeApi.BindService,
            () => nodeApi.Value, app.Services.GetRequiredService<UndecodableRequestLog>));
        if (api.EnableReflection) app.MapGrpcReflectionService();
        app.Lifetime.ApplicationStarted.Register(() =>
            ApiLog.Listening(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(NodeHost)),
                string.Join(", ", (app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
                    .Where(a => app.Services.GetService<P2P.Hosting.P2PPortGuard>()?.IsP2PAddress(a) != true)
                    .Where(a => app.Services.GetService<MetricsPortGuard>()?.IsMetricsAddress(a) != true)),
                api.EnableReflection));
        return app;
    }

    /// <summary>The "Limits" section, validated now: Kestrel's listeners take their bounds before the host starts.</summary>
    private static ConnectionLimitsOptions ReadLimits(IConfiguration configuration)
    {
        var limits = configuration.GetSection(ConnectionLimitsOptions.Section).Get<ConnectionLimitsOptions>() ?? new ConnectionLimitsOptions();
        var result = new ConnectionLimitsOptionsValidator().Validate(Options.DefaultName, limits);
        if (result.Failed) throw new OptionsValidationException(Options.DefaultName, typeof(ConnectionLimitsOptions), result.Failures);
        return limits;
    }

    /// <summary>The "Api" section, validated now: Kestrel needs the listen address before the host starts.</summary>
    private static ApiOptions ReadApiOptions(IConfiguration configuration)
    {
        var api = configuration.GetSection(ApiOptions.Section).Get<ApiOptions>() ?? new ApiOptions();
        var result = new ApiOptionsValidator().Validate(Options.DefaultName, api);
        if (result.Failed) throw new OptionsValidationException(Options.DefaultName, typeof(ApiOptions), result.Failures);
        return api;
    }
}
