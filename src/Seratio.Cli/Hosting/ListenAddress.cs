using System.Globalization;

namespace Seratio.Cli.Hosting;

/// <summary>A host:port listen address such as 127.0.0.1:9090. Immutable.</summary>
internal readonly record struct ListenAddress(string Host, int Port)
{
    public static bool TryParse(string? text, out ListenAddress address, out string error)
    {
        address = default;
        error = "";
        int colon = text?.LastIndexOf(':') ?? -1;
        if (text is null || colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            error = $"'{text}' is not host:port (e.g. 127.0.0.1:9090)";
            return false;
        }
        address = new ListenAddress(text[..colon], port);
        return true;
    }

    /// <summary>The URL a client dials; a wildcard host is dialled on the loopback.</summary>
    public string ClientUrl => $"http://{(Host is "0.0.0.0" or "*" or "+" or "[::]" ? "127.0.0.1" : Host)}:{Port.ToString(CultureInfo.InvariantCulture)}";

    public override string ToString() => $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";
}
