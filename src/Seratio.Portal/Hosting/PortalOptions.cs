namespace Seratio.Portal.Hosting;

/// <summary>Where the portal listens and which node it reads. Immutable.</summary>
/// <param name="NodeUrl">The node's gRPC API, e.g. http://127.0.0.1:9090.</param>
/// <param name="ListenHost">The host to listen on: an IP address, "localhost", or a wildcard (0.0.0.0, *, [::]).</param>
/// <param name="ListenPort">The port to listen on.</param>
public sealed record PortalOptions(string NodeUrl, string ListenHost, int ListenPort)
{
    /// <summary>The longest a page waits for one call to the node before it says the node does not answer.</summary>
    public TimeSpan NodeCallTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Page and /api requests served at once (streams excepted: they have their own cap); more wait in a queue.</summary>
    public int MaxConcurrentRequests { get; init; } = 32;

    /// <summary>Requests waiting for one of <see cref="MaxConcurrentRequests"/>; beyond it a request gets 503 at once.</summary>
    public int MaxQueuedRequests { get; init; } = 64;

    /// <summary>Bounds of the explorer's live streams (/api/stream/…).</summary>
    public Api.Live.LiveOptions Live { get; init; } = new();

    /// <summary>The address a browser opens; a wildcard host is opened on the loopback.</summary>
    public string BrowserUrl => $"http://{(ListenHost is "0.0.0.0" or "*" or "+" or "[::]" ? "127.0.0.1" : ListenHost)}:{ListenPort}";
}
