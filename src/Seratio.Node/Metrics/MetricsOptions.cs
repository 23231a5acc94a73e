using Microsoft.Extensions.Options;
using Seratio.Node.Endpoints;

namespace Seratio.Node.Metrics;

/// <summary>Settings of the Prometheus endpoint (configuration section "Metrics"). Immutable once bound.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>
    /// "host:port" where GET /metrics is served over HTTP/1.1 cleartext, on a listener of its own (nothing
    /// else is served there, and /metrics is not served on the API or P2P ports). Empty (the default): off.
    /// </summary>
    public string Listen { get; set; } = "";

    public bool Enabled => !string.IsNullOrWhiteSpace(Listen);
}

/// <summary>Refuses a metrics listen address the node cannot bind, naming the setting. Stateless.</summary>
public sealed class MetricsOptionsValidator : IValidateOptions<MetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, MetricsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled) return ValidateOptionsResult.Success;
        return ListenEndpoint.TryParse(options.Listen, out _, out var error)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Metrics:Listen: {error}");
    }
}
