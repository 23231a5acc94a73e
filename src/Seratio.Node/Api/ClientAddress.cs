using System.Net;
using Grpc.Core;

namespace Seratio.Node.Api;

/// <summary>The IP address a call came from, the key of per-client limits. Stateless.</summary>
internal static class ClientAddress
{
    /// <summary>The connection's remote address; from the gRPC peer string when the call is not hosted by ASP.NET Core (tests); else "none" (::).</summary>
    public static IPAddress Of(ServerCallContext context)
    {
        try
        {
            return context.GetHttpContext().Connection.RemoteIpAddress ?? IPAddress.IPv6None;
        }
        catch (InvalidOperationException)
        {
            return FromPeer(context.Peer) ?? IPAddress.IPv6None; // a context not hosted by ASP.NET Core
        }
    }

    /// <summary>"ipv4:127.0.0.1:5000" or "ipv6:[::1]:5000" → the address; null for anything else (e.g. "unix:").</summary>
    internal static IPAddress? FromPeer(string? peer)
    {
        if (peer is null) return null;
        int colon = peer.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0) return null;
        var rest = peer.AsSpan(colon + 1);
        if (rest.StartsWith("[")) { int end = rest.IndexOf(']'); if (end < 0) return null; rest = rest[1..end]; }
        else if (rest.LastIndexOf(':') is var port and > 0) rest = rest[..port];
        return IPAddress.TryParse(rest, out var address) ? address : null;
    }
}
