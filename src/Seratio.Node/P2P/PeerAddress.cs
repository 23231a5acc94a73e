using System.Globalization;

namespace Seratio.Node.P2P;

/// <summary>
/// A peer to dial: "host:port", or "KEYHEX@host:port" when the peer's node key is known in
/// advance (the connection is then refused unless the peer proves exactly that key). Immutable.
/// </summary>
public sealed record PeerAddress(string Host, int Port, PeerId? ExpectedKey)
{
    /// <summary>The gRPC address to dial: https:// (TLS 1.3) or, under P2P:Transport=cleartext, http:// (h2c).</summary>
    public Uri ToUri(bool tls) => new($"{(tls ? "https" : "http")}://{(Host.Contains(':') ? $"[{Host}]" : Host)}:{Port.ToString(CultureInfo.InvariantCulture)}");

    public override string ToString() =>
        ExpectedKey is { } key ? $"{key}@{Host}:{Port.ToString(CultureInfo.InvariantCulture)}" : $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";

    public static bool TryParse(string? text, out PeerAddress? address, out string error)
    {
        address = null;
        error = "";
        if (string.IsNullOrWhiteSpace(text)) { error = "is empty; use host:port or KEYHEX@host:port"; return false; }
        text = text.Trim();
        PeerId? key = null;
        int at = text.IndexOf('@');
        if (at >= 0)
        {
            if (!PeerId.TryParse(text[..at], out var id)) { error = $"'{text}': the part before '@' must be a node key of 64 hex digits"; return false; }
            key = id;
            text = text[(at + 1)..];
        }
        int colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1) { error = $"'{text}' is not host:port, e.g. 10.0.0.2:26656"; return false; }
        var host = text[..colon].Trim('[', ']');
        if (!int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is < 1 or > 65535)
        { error = $"'{text}' has no valid port (1..65535)"; return false; }
        if (host.Length == 0 || Uri.CheckHostName(host) == UriHostNameType.Unknown) { error = $"'{host}' is not a host name or IP address"; return false; }
        address = new PeerAddress(host, port, key);
        return true;
    }
}
