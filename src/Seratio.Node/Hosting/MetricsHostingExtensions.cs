using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Prometheus;
using Seratio.Node.Api;
using Seratio.Node.Chain;
using Seratio.Node.Endpoints;
using Seratio.Node.Mempool;
using Seratio.Node.Metrics;
using Seratio.Node.P2P;

namespace Seratio.Node.Hosting;

/// <summary>
/// Wires the metrics into the node host. With Metrics:Listen set: <see cref="NodeMetrics"/> as
/// <see cref="INodeMetrics"/>, the block follower, and a third Kestrel listener (HTTP/1.1) that serves
/// GET /metrics and nothing else. Without it: <see cref="NullNodeMetrics"/> and no listener.
/// </summary>
public static class MetricsHostingExtensions
{
    /// <summary>Registers the metrics; true when the endpoint is on. Validates the options now: Kestrel needs the address before start.</summary>
    public static bool AddSeratioMetrics(this WebApplicationBuilder builder, ConnectionBudget budget)
    {
        ArgumentNullException.ThrowIfNull(budget);
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>() ?? new MetricsOptions();
        var result = new MetricsOptionsValidator().Validate(Options.DefaultName, options);
        if (result.Failed) throw new OptionsValidationException(Options.DefaultName, typeof(MetricsOptions), result.Failures);
        if (!options.Enabled)
        {
            builder.Services.TryAddSingleton<INodeMetrics>(NullNodeMetrics.Instance);
            return false;
        }
        ListenEndpoint.TryParse(options.Listen, out var endpoint, out _);
        foreach (var (section, other) in new[] { ("Api:Listen", builder.Configuration["Api:Listen"] ?? new ApiOptions().Listen), ("P2P:Listen", builder.Configuration["P2P:Listen"]) })
            if (endpoint.Port != 0 && ListenEndpoint.TryParse(other, out var taken, out _) && taken.Port == endpoint.Port)
                throw new OptionsValidationException(Options.DefaultName, typeof(MetricsOptions), [$"Metrics:Listen must use another port than {section} ({other})."]);
        var guard = new MetricsPortGuard();
        var gate = new ConnectionGate("metrics", budget.Metrics, budget.Metrics);
        void Configure(Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions listener)
        {
            listener.Use(gate.Middleware);
            guard.Configure(listener);
        }
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            if (endpoint.Localhost) kestrel.ListenLocalhost(endpoint.Port, Configure);
            else kestrel.Listen(endpoint.Address!, endpoint.Port, Configure);
        });
        builder.Services.AddSingleton(guard);
        builder.Services.AddSingleton<NodeMetrics>();
        builder.Services.AddSingleton<INodeMetrics>(sp => sp.GetRequiredService<NodeMetrics>());
        // The mempool reports admissions through its own interface (Metrics knows Mempool, not the reverse).
        builder.Services.AddSingleton<IAdmissionMetrics>(sp => sp.GetRequiredService<NodeMetrics>());
        builder.Services.AddHostedService<BlockMetricsFollower>();
        return true;
    }

    /// <summary>
    /// Serves /metrics on the metrics listener (404 for anything else there) and keeps every request of the
    /// other listeners away from it; samples chain height, mempool and peers at each scrape. Call before mapping the other services.
    /// </summary>
    public static void UseSeratioMetrics(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var guard = app.Services.GetRequiredService<MetricsPortGuard>();
        var metrics = app.Services.GetRequiredService<NodeMetrics>();
        var chain = app.Services.GetRequiredService<IChainReader>();
        var pool = app.Services.GetRequiredService<TxPool>();
        var network = app.Services.GetService<IPeerNetwork>();
        metrics.Sample(() => chain.Head.Height, () => pool.Count, () => network?.Peers.Count ?? 0);
        app.UseWhen(guard.IsMetricsRequest, metricsPort =>
        {
            metricsPort.UseMetricServer(settings => settings.Registry = metrics.Registry, "/metrics");
            metricsPort.Run(context =>
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            });
        });
        app.Lifetime.ApplicationStarted.Register(() => MetricsLog.Listening(
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(NodeMetrics)),
            string.Join(", ", (app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? []).Where(guard.IsMetricsAddress))));
    }
}
