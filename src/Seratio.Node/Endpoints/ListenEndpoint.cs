using System.Globalization;
using System.Net;

namespace Seratio.Node.Endpoints;

/// <summary>A parsed "host:port" listen address: an IP literal, "localhost", or "*" / "0.0.0.0" for any. Immutable.</summary>
public readonly record struct ListenEndpoint(IPAddress? Address, bool Localhost, int Port)
{
    public static bool TryParse(string? text, out ListenEndpoint endpoint, out string error)
    {
        endpoint = default;
        error = "";
        if (string.IsNullOrWhiteSpace(text)) { error = "is empty; use host:port, e.g. 127.0.0.1:9090"; return false; }
        int colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1) { error = $"'{text}' is not host:port, e.g. 127.0.0.1:9090"; return false; }
        var host = text[..colon].Trim('[', ']');
        if (!int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port > 65535)
        { error = $"'{text}' has no valid port (0..65535)"; return false; }
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase)) { endpoint = new(null, true, port); return true; }
        if (host == "*") { endpoint = new(IPAddress.Any, false, port); return true; }
        if (!IPAddress.TryParse(host, out var address)) { error = $"'{host}' is not an IP address, 'localhost' or '*'"; return false; }
        endpoint = new(address, false, port);
        return true;
    }
}
