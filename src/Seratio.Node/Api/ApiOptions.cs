using Microsoft.Extensions.Options;
using Seratio.Node.Endpoints;

namespace Seratio.Node.Api;

/// <summary>Settings of the public gRPC API (configuration section "Api"). Immutable once bound.</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>"host:port" the API listens on (HTTP/2; cleartext unless <see cref="TlsCertificateFile"/> is set). Default "127.0.0.1:9090"; port 0 picks a free one.</summary>
    public string Listen { get; set; } = "127.0.0.1:9090";

    /// <summary>
    /// Certificate the API serves HTTPS with (TLS 1.2 or 1.3, HTTP/2), relative to the node home: a PKCS#12 file (.pfx, .p12)
    /// or a PEM certificate (chain), with its private key in the same file or in <see cref="TlsKeyFile"/>. Default none: the
    /// API speaks HTTP/2 cleartext.
    /// </summary>
    public string? TlsCertificateFile { get; set; }

    /// <summary>PEM private key of <see cref="TlsCertificateFile"/> when it is not in that file (relative to home). Default none.</summary>
    public string? TlsKeyFile { get; set; }

    /// <summary>File holding the passphrase of a PKCS#12 certificate or an encrypted PEM key (relative to home). Default none.</summary>
    public string? TlsPassphraseFile { get; set; }

    /// <summary>Largest gRPC request message; larger ones get ResourceExhausted from gRPC itself. Default 1 MiB.</summary>
    public int MaxReceiveMessageBytes { get; set; } = 1024 * 1024;

    /// <summary>How long SubmitTx in COMMIT mode waits for the block. Default 30,000 ms.</summary>
    public int CommitTimeoutMs { get; set; } = 30_000;

    /// <summary>Whether gRPC server reflection is served (for grpcurl / buf curl). Default true.</summary>
    public bool EnableReflection { get; set; } = true;

    /// <summary>
    /// Server streams (StreamBlocks, StreamEvents) open at once on this node, from all clients; one more
    /// gets ResourceExhausted. Default 64.
    /// </summary>
    public int MaxStreams { get; set; } = 64;

    /// <summary>
    /// Server streams open at once from one client IP address; one more gets ResourceExhausted naming this
    /// setting. Default 8; at most <see cref="MaxStreams"/>.
    /// </summary>
    public int MaxStreamsPerClient { get; set; } = 8;

    /// <summary>Stored blocks one stream replays per second before it follows live blocks. Default 500.</summary>
    public int ReplayBlocksPerSecond { get; set; } = 500;

    /// <summary>
    /// Stored blocks all streams together replay per second, so that replays never take the cores from
    /// consensus and the other calls. Default 2,000; at least <see cref="ReplayBlocksPerSecond"/>.
    /// </summary>
    public int ReplayBlocksPerSecondTotal { get; set; } = 2_000;
}

/// <summary>Refuses API settings the node cannot start with, naming the setting.</summary>
public sealed class ApiOptionsValidator : IValidateOptions<ApiOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiOptions options)
    {
        var failures = new List<string>();
        if (!ListenEndpoint.TryParse(options.Listen, out _, out var error)) failures.Add($"Api:Listen: {error}");
        if (string.IsNullOrWhiteSpace(options.TlsCertificateFile) && (!string.IsNullOrWhiteSpace(options.TlsKeyFile) || !string.IsNullOrWhiteSpace(options.TlsPassphraseFile)))
            failures.Add("Api:TlsKeyFile and Api:TlsPassphraseFile need Api:TlsCertificateFile (the certificate the API serves HTTPS with).");
        if (options.MaxReceiveMessageBytes is < 1024 or > 64 * 1024 * 1024)
            failures.Add($"Api:MaxReceiveMessageBytes must be 1024..67108864 (is {options.MaxReceiveMessageBytes}).");
        if (options.CommitTimeoutMs is < 1 or > 600_000)
            failures.Add($"Api:CommitTimeoutMs must be 1..600000 (is {options.CommitTimeoutMs}).");
        if (options.MaxStreams is < 1 or > 100_000)
            failures.Add($"Api:MaxStreams must be 1..100000 (is {options.MaxStreams}).");
        if (options.MaxStreamsPerClient < 1 || options.MaxStreamsPerClient > options.MaxStreams)
            failures.Add($"Api:MaxStreamsPerClient must be 1..Api:MaxStreams ({options.MaxStreams}) (is {options.MaxStreamsPerClient}).");
        if (options.ReplayBlocksPerSecond is < 1 or > 1_000_000)
            failures.Add($"Api:ReplayBlocksPerSecond must be 1..1000000 (is {options.ReplayBlocksPerSecond}).");
        if (options.ReplayBlocksPerSecondTotal < options.ReplayBlocksPerSecond || options.ReplayBlocksPerSecondTotal > 1_000_000)
            failures.Add($"Api:ReplayBlocksPerSecondTotal must be Api:ReplayBlocksPerSecond ({options.ReplayBlocksPerSecond})..1000000 (is {options.ReplayBlocksPerSecondTotal}).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
