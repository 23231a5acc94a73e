using System.Security.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Seratio.Node.Api;
using Seratio.Node.Chain;
using Seratio.Node.Endpoints;
using Seratio.Node.P2P;
using Seratio.Node.P2P.Handshake;
using Seratio.Node.P2P.Hosting;
using Seratio.Node.P2P.Mempool;
using Seratio.Node.P2P.Transport;

namespace Seratio.Node.Hosting;

/// <summary>
/// Wires the peer network into the node host when the configuration has a "P2P" section: a second
/// Kestrel endpoint (HTTP/2 only; TLS 1.3 only with an ephemeral certificate unless P2P:Transport=cleartext)
/// on P2P:Listen serving PeerApi and nothing else, the
/// <see cref="PeerNetwork"/> (as <see cref="IPeerNetwork"/>), the dialler and, unless disabled,
/// mempool gossip. Without the section nothing is registered and the node runs alone.
/// </summary>
public static class P2PHostingExtensions
{
    /// <summary>Whether the configuration turns the peer network on.</summary>
    public static bool IsP2PConfigured(this IConfiguration configuration) => configuration.GetSection(P2POptions.Section).Exists();

    /// <summary>
    /// Registers the peer network and its listener. Returns false (and registers nothing) when P2P
    /// is not configured. The options are validated now: Kestrel needs the listen address before the host starts.
    /// </summary>
    public static bool AddSeratioP2P(this WebApplicationBuilder builder, string home, ConnectionBudget budget)
    {
        ArgumentNullException.ThrowIfNull(budget);
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        if (!configuration.IsP2PConfigured()) return false;

        var p2p = configuration.GetSection(P2POptions.Section).Get<P2POptions>() ?? new P2POptions();
        var result = new P2POptionsValidator().Validate(Options.DefaultName, p2p);
        if (result.Failed) throw new OptionsValidationException(Options.DefaultName, typeof(P2POptions), result.Failures);
        ListenEndpoint.TryParse(p2p.Listen, out var endpoint, out _);
        var api = configuration.GetSection(ApiOptions.Section).Get<ApiOptions>() ?? new ApiOptions();
        if (endpoint.Port != 0 && ListenEndpoint.TryParse(api.Listen, out var apiEndpoint, out _) && apiEndpoint.Port == endpoint.Port)
            throw new OptionsValidationException(Options.DefaultName, typeof(P2POptions), [$"P2P:Listen must use another port than Api:Listen ({api.Listen})."]);

        var guard = new P2PPortGuard();
        var gate = new ConnectionGate("p2p", budget.P2P, budget.P2PPerAddress);
        var tls = p2p.UsesTls ? PeerTlsIdentity.CreateEphemeral(TimeProvider.System.GetUtcNow()) : PeerTlsIdentity.Cleartext();
        void Configure(Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions listener)
        {
            listener.Use(gate.Middleware); // before anything is read: a flood of unauthenticated connections is bounded
            guard.Configure(listener); // HTTP/2 only; set before UseHttps, which offers ALPN from it
            if (tls.Certificate is { } certificate)
            {
                listener.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificate = certificate,
                    SslProtocols = SslProtocols.Tls13,
                    ClientCertificateMode = ClientCertificateMode.NoCertificate,
                    HandshakeTimeout = TimeSpan.FromMilliseconds(p2p.HandshakeTimeoutMs),
                });
            }
        }
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            if (endpoint.Localhost) kestrel.ListenLocalhost(endpoint.Port, Configure);
            else kestrel.Listen(endpoint.Address!, endpoint.Port, Configure);
        });
        builder.Services.AddKeyedSingleton("p2p", gate);

        var services = builder.Services;
        services.AddOptions<P2POptions>().Bind(configuration.GetSection(P2POptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<P2POptions>, P2POptionsValidator>());
        services.AddSingleton(guard);
        services.AddSingleton(tls);
        services.TryAddSingleton(TimeProvider.System);
        // A validator proves its validator key (registered by the composition root); any other node its own node key.
        services.TryAddSingleton(sp => NodeKey.Load(home, sp.GetRequiredService<IOptions<P2POptions>>().Value));
        services.AddSingleton(sp =>
        {
            var chain = sp.GetRequiredService<IChainReader>();
            var options = sp.GetRequiredService<IOptions<P2POptions>>().Value;
            return new PeerNetwork(
                new LocalNode(sp.GetRequiredService<NodeKey>().Key, chain.ChainId, chain.GenesisHash),
                PeerAllowList.From(chain.Genesis, options, new ChainValidatorPeers(chain).IsValidator), options,
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<PeerNetwork>>());
        });
        services.AddSingleton<IPeerNetwork>(sp => sp.GetRequiredService<PeerNetwork>());
        services.AddHostedService<PeerDialer>();
        if (p2p.GossipMempool) services.AddHostedService<MempoolGossip>();
        services.AddGrpc().AddServiceOptions<PeerApiService>(o =>
        {
            o.MaxReceiveMessageSize = p2p.MaxFrameBytes + 1024;
            o.MaxSendMessageSize = p2p.MaxFrameBytes + 1024;
        });
        return true;
    }

    /// <summary>Maps PeerApi behind the port guard, closes peers when the host stops, logs the P2P addresses once started.</summary>
    public static void MapSeratioP2P(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var guard = app.Services.GetRequiredService<P2PPortGuard>();
        app.Use(async (context, next) =>
        {
            if (!guard.Allows(context))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            if (context.Request.Path.StartsWithSegments(P2PPortGuard.PeerServicePath, StringComparison.Ordinal)
                && context.Features.Get<IRequestBodyPipeFeature>() is { } body)
            {
                // Until the handshake completes, only small frames: a 20 MiB "Hello" is refused at its length prefix.
                var limit = new HandshakeFrameLimit(body, app.Services.GetRequiredService<IOptions<P2POptions>>().Value.MaxHandshakeFrameBytes);
                context.Features.Set<IRequestBodyPipeFeature>(limit);
                context.Features.Set(limit);
            }
            await next(context).ConfigureAwait(false);
        });
        app.MapGrpcService<PeerApiService>();

        // Resolved once the host runs (the hosted services create the network on start), not at build.
        app.Lifetime.ApplicationStopping.Register(() => app.Services.GetRequiredService<PeerNetwork>().Shutdown());
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var network = app.Services.GetRequiredService<PeerNetwork>();
            var options = app.Services.GetRequiredService<IOptions<P2POptions>>().Value;
            var addresses = (app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? []).Where(guard.IsP2PAddress);
            var role = network.Allowed.RoleOf(network.Self) == PeerRole.Validator ? "validator" : "observer";
            P2PLog.Listening(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PeerNetwork)),
                string.Join(", ", addresses), network.Self.ToHex(), role, options.Peers.Count);
        });
    }
}
