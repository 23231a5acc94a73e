using System.Net;
using System.Net.Sockets;
using Seratio.Cli.Hosting;

namespace Seratio.Cli.Devnet;

/// <summary>
/// Tells whether a listen address is already taken, before devnet starts a node on it: otherwise
/// the node fails to bind while devnet's readiness poll is answered by whatever else listens
/// there. Best effort (the port may be taken a moment later); a host name it cannot tell is "free".
/// </summary>
internal static class PortProbe
{
    /// <summary>Null when <paramref name="address"/> can be bound now; otherwise the system's reason.</summary>
    public static string? InUse(ListenAddress address)
    {
        var ip = address.Host switch
        {
            "localhost" => IPAddress.Loopback,
            "0.0.0.0" or "*" or "+" => IPAddress.Any,
            _ => IPAddress.TryParse(address.Host.Trim('[', ']'), out var parsed) ? parsed : null,
        };
        if (ip is null) return null;
        var listener = new TcpListener(ip, address.Port);
        try
        {
            listener.Start();
            return null;
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            return ex.Message;
        }
        finally
        {
            listener.Stop();
        }
    }
}
