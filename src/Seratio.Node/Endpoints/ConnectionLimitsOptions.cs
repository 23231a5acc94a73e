using Microsoft.Extensions.Options;

namespace Seratio.Node.Endpoints;

/// <summary>
/// Connection limits of the node's listeners (configuration section "Limits"; docs/operations.md, "Limits"). The
/// totals are capped at start by the process's descriptor limit less <see cref="DescriptorReserve"/>, which
/// consensus, the WAL, RocksDB (at most 512 open files) and outbound peer connections always keep. Mutable options
/// object bound at start.
/// </summary>
public sealed class ConnectionLimitsOptions
{
    public const string Section = "Limits";

    /// <summary>Most open connections on the public API. Default 2048 (lower when the descriptor limit is lower).</summary>
    public int ApiMaxConnections { get; set; } = 2048;

    /// <summary>Most open API connections from one address. Default 128.</summary>
    public int ApiMaxConnectionsPerAddress { get; set; } = 128;

    /// <summary>Most open connections on the P2P port (handshaken or not). Default 256.</summary>
    public int P2PMaxConnections { get; set; } = 256;

    /// <summary>Most open P2P connections from one address. Default 32.</summary>
    public int P2PMaxConnectionsPerAddress { get; set; } = 32;

    /// <summary>Most open connections on the metrics port. Default 32.</summary>
    public int MetricsMaxConnections { get; set; } = 32;

    /// <summary>File descriptors kept out of every listener's reach. Default 1024.</summary>
    public int DescriptorReserve { get; set; } = 1024;

    /// <summary>An HTTP/2 connection with no request in flight is closed after this long; so is one that sends no request headers. Default 30000 ms.</summary>
    public int IdleTimeoutMs { get; set; } = 30_000;
}

/// <summary>Checks <see cref="ConnectionLimitsOptions"/> at start. Stateless; thread safe.</summary>
public sealed class ConnectionLimitsOptionsValidator : IValidateOptions<ConnectionLimitsOptions>
{
    public ValidateOptionsResult Validate(string? name, ConnectionLimitsOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        if (o.ApiMaxConnections < 1 || o.ApiMaxConnectionsPerAddress < 1 || o.P2PMaxConnections < 1 || o.P2PMaxConnectionsPerAddress < 1 || o.MetricsMaxConnections < 1)
            return ValidateOptionsResult.Fail("Limits: every connection limit must be at least 1");
        if (o.DescriptorReserve < 64) return ValidateOptionsResult.Fail($"Limits:DescriptorReserve must be at least 64, got {o.DescriptorReserve}");
        if (o.IdleTimeoutMs is < 1000 or > 3_600_000) return ValidateOptionsResult.Fail($"Limits:IdleTimeoutMs must be 1000..3600000, got {o.IdleTimeoutMs}");
        return ValidateOptionsResult.Success;
    }
}

/// <summary>
/// The listeners' connection bounds for this process: the configured limits, each cut to its share (API 6/10, P2P 3/10,
/// metrics 1/10) of the descriptors the process may open beyond the reserve, never below 32 (metrics 8) so that a
/// node started with a tiny descriptor limit still serves. Immutable.
/// </summary>
public sealed record ConnectionBudget(int Api, int ApiPerAddress, int P2P, int P2PPerAddress, int Metrics, long? DescriptorLimit)
{
    /// <summary>
    /// Sizes the budget from <paramref name="options"/> and the soft descriptor limit (<paramref name="descriptorLimit"/>,
    /// null when unknown: the configured limits apply as they are).
    /// </summary>
    public static ConnectionBudget From(ConnectionLimitsOptions options, long? descriptorLimit)
    {
        ArgumentNullException.ThrowIfNull(options);
        int Share(int configured, int tenths, int floor)
        {
            if (descriptorLimit is not { } limit) return configured;
            long available = Math.Max(0, limit - options.DescriptorReserve);
            return (int)Math.Max(Math.Min(floor, configured), Math.Min(configured, available * tenths / 10));
        }
        int api = Share(options.ApiMaxConnections, 6, 32), p2p = Share(options.P2PMaxConnections, 3, 32);
        return new ConnectionBudget(api, Math.Min(api, options.ApiMaxConnectionsPerAddress), p2p, Math.Min(p2p, options.P2PMaxConnectionsPerAddress),
            Share(options.MetricsMaxConnections, 1, 8), descriptorLimit);
    }

    /// <summary>The soft limit on open files of this process (Linux: /proc/self/limits), or null when it cannot be read.</summary>
    public static long? ReadDescriptorLimit()
    {
        try
        {
            if (!File.Exists("/proc/self/limits")) return null;
            foreach (var line in File.ReadLines("/proc/self/limits"))
            {
                if (!line.StartsWith("Max open files", StringComparison.Ordinal)) continue;
                var parts = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return parts.Length > 0 && long.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out var soft) ? soft : null;
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return null;
    }
}
