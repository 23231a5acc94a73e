using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Seratio.Node.Metrics;

/// <summary>
/// Tells requests on the metrics listener apart by the socket they arrived on (never by a header a
/// client sends): the listener records its local port on each connection. Thread safe.
/// </summary>
public sealed class MetricsPortGuard
{
    private readonly ConcurrentDictionary<int, bool> _ports = new();
    private ListenOptions? _listener;

    /// <summary>The metrics port once Kestrel has bound it, else null.</summary>
    public int? BoundPort => _listener?.IPEndPoint is { Port: > 0 } bound ? bound.Port : null;

    /// <summary>Configures Kestrel's metrics listener: HTTP/1.1 only, its connections marked.</summary>
    public void Configure(ListenOptions listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        _listener = listener;
        listener.Protocols = HttpProtocols.Http1;
        listener.Use(next => connection =>
        {
            if (connection.LocalEndPoint is IPEndPoint local) _ports.TryAdd(local.Port, true);
            return next(connection);
        });
    }

    /// <summary>Whether <paramref name="context"/> arrived on the metrics listener.</summary>
    public bool IsMetricsRequest(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return _ports.ContainsKey(context.Connection.LocalPort);
    }

    /// <summary>Whether a server address ("http://host:port") is the metrics listener's.</summary>
    public bool IsMetricsAddress(string address) =>
        BoundPort is { } port && Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Port == port;
}
