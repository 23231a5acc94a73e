using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Seratio.Node.P2P.Hosting;

/// <summary>
/// Keeps the two ports apart: the P2P listener records its local port on each connection, and a
/// request is served only when it targets the service of its port — PeerApi on the P2P port,
/// everything else (NodeApi, reflection) on the API port. Anything else gets 404, which gRPC
/// clients see as Unimplemented. Decided by the listening socket, never by a header a client
/// sends. Thread safe.
/// </summary>
public sealed class P2PPortGuard
{
    /// <summary>The path prefix of the peer service ("/seratio.v1.PeerApi").</summary>
    public const string PeerServicePath = "/seratio.v1.PeerApi";

    private readonly ConcurrentDictionary<int, bool> _ports = new();

    private ListenOptions? _listener;

    /// <summary>Local ports the P2P listener has accepted connections on.</summary>
    public IReadOnlyCollection<int> Ports => _ports.Keys.ToArray();

    /// <summary>The P2P port once Kestrel has bound it (port 0 resolved), else null.</summary>
    public int? BoundPort => _listener?.IPEndPoint is { Port: > 0 } bound ? bound.Port : null;

    /// <summary>Whether a server address ("http://host:port") is the P2P listener's.</summary>
    public bool IsP2PAddress(string address) =>
        BoundPort is { } port && Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Port == port;

    /// <summary>Configures Kestrel's P2P listener: HTTP/2 only, its connections marked.</summary>
    public void Configure(ListenOptions listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        _listener = listener;
        listener.Protocols = HttpProtocols.Http2;
        listener.Use(Mark);
    }

    /// <summary>Kestrel connection middleware for the P2P listener.</summary>
    public ConnectionDelegate Mark(ConnectionDelegate next) => connection =>
    {
        if (connection.LocalEndPoint is IPEndPoint local) _ports.TryAdd(local.Port, true);
        return next(connection);
    };

    /// <summary>Whether the request may be served on the connection it arrived on.</summary>
    public bool Allows(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        bool onP2PPort = _ports.ContainsKey(context.Connection.LocalPort);
        bool peerService = context.Request.Path.StartsWithSegments(PeerServicePath, StringComparison.Ordinal);
        return onP2PPort == peerService;
    }
}
