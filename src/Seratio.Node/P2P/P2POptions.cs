using Microsoft.Extensions.Options;
using Seratio.Node.Endpoints;

namespace Seratio.Node.P2P;

/// <summary>
/// Settings of the peer network (configuration section "P2P"; the network runs only when the
/// section exists). Defaults are documented on each property and in docs/p2p.md. Immutable once bound.
/// </summary>
public sealed class P2POptions
{
    public const string Section = "P2P";

    /// <summary>Value of <see cref="Transport"/>: TLS 1.3 on the P2P port, the handshake bound to the certificate.</summary>
    public const string TransportTls = "tls";

    /// <summary>Value of <see cref="Transport"/>: HTTP/2 cleartext (h2c), for a network whose links are already private.</summary>
    public const string TransportCleartext = "cleartext";

    /// <summary>"host:port" of the P2P port (HTTP/2, PeerApi only). Default "127.0.0.1:26656"; port 0 picks a free one.</summary>
    public string Listen { get; set; } = "127.0.0.1:26656";

    /// <summary>
    /// How peers talk, listening and dialling alike: "tls" (TLS 1.3 only, with an ephemeral self-signed certificate whose
    /// hash both handshake proofs cover) or "cleartext" (h2c). Both ends of a link must agree; a mismatch fails the dial
    /// with a logged reason. Default "tls".
    /// </summary>
    public string Transport { get; set; } = TransportTls;

    /// <summary>Whether <see cref="Transport"/> is "tls".</summary>
    public bool UsesTls => string.Equals(Transport, TransportTls, StringComparison.OrdinalIgnoreCase);

    /// <summary>Peers to dial and keep connected: "host:port" or "KEYHEX@host:port". Default none.</summary>
    public List<string> Peers { get; set; } = [];

    /// <summary>Node keys (64 hex digits) accepted besides genesis validators: observers. Default none.</summary>
    public List<string> AllowedPeers { get; set; } = [];

    /// <summary>Node key of a node that is not a validator (a validator uses its validator key). Default "keys/node.devnet-unsafe.key".</summary>
    public string NodeKeyFile { get; set; } = "keys/node.devnet-unsafe.key";

    /// <summary>File holding the passphrase of an encrypted node key (relative to home); unused for throw-away keys.</summary>
    public string? NodeKeyPassphraseFile { get; set; }

    /// <summary>Most frames waiting in one peer's send queue; the oldest are dropped beyond it. Default 4096.</summary>
    public int MaxQueuePerPeer { get; set; } = 4096;

    /// <summary>Most payload bytes waiting in one peer's send queue; the oldest are dropped beyond it. Default 64 MiB.</summary>
    public long MaxQueueBytesPerPeer { get; set; } = 64L * 1024 * 1024;

    /// <summary>Most messages waiting per channel for the local consumer; the oldest are dropped beyond it. Default 16384.</summary>
    public int MaxReceiveQueue { get; set; } = 16384;

    /// <summary>Most payload bytes waiting per channel for the local consumer. Default 128 MiB.</summary>
    public long MaxReceiveQueueBytes { get; set; } = 128L * 1024 * 1024;

    /// <summary>Largest frame sent or accepted; must hold a full block proposal. Default 20 MiB (genesis max_block_bytes is 16 MiB by default).</summary>
    public int MaxFrameBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>Inbound budget per peer in payload bytes per second (burst: one second's worth, at least one max frame); beyond it the peer is disconnected. Default 64 MiB/s.</summary>
    public long MaxInboundBytesPerSecond { get; set; } = 64L * 1024 * 1024;

    /// <summary>Inbound budget per peer in frames per second (burst: one second's worth); beyond it the peer is disconnected. Default 50,000.</summary>
    public int MaxInboundFramesPerSecond { get; set; } = 50_000;

    /// <summary>Payload hashes remembered per gossip channel for duplicate suppression. Default 100,000.</summary>
    public int SeenCacheSize { get; set; } = 100_000;

    /// <summary>
    /// Most inbound handshakes waiting for their Hello at once. When all are taken, a new one evicts the oldest of the
    /// address holding the most (that one ends with ResourceExhausted), so silent connections cannot keep a peer out;
    /// handshakes whose Hello named a known key count under P2P:MaxPendingHandshakesPerKey instead. Default 64.
    /// </summary>
    public int MaxPendingHandshakes { get; set; } = 64;

    /// <summary>
    /// Inbound handshakes in progress from one address (P2P:MaxPendingHandshakes is for all): one address cannot hold
    /// every slot, so peers elsewhere, and the validators this node dials itself, still get through. Default 4.
    /// </summary>
    public int MaxPendingHandshakesPerAddress { get; set; } = 4;

    /// <summary>
    /// Inbound handshakes whose Hello named one known node key (a validator of genesis or of the chain, or one of
    /// P2P:AllowedPeers), kept apart from the unidentified ones, which can never take them. Beyond it the oldest claim
    /// on that key is evicted (ResourceExhausted): one who only knows a validator's public key cannot keep it out,
    /// since the real node proves its key within milliseconds. Default 2.
    /// </summary>
    public int MaxPendingHandshakesPerKey { get; set; } = 2;

    /// <summary>
    /// Time an inbound peer has to send its Hello after its stream is accepted, and again to send its proof after its
    /// Hello (a real node sends each within a round trip, but a loaded process has been seen to take over a second for
    /// its proof); past it the handshake ends with DeadlineExceeded. At most P2P:HandshakeTimeoutMs, which bounds the
    /// whole handshake. Default 2000 ms.
    /// </summary>
    public int HelloTimeoutMs { get; set; } = 2000;

    /// <summary>
    /// Largest frame a peer may send before its handshake completes (its Hello and proof are a few hundred bytes):
    /// a larger one ends the connection when its length is seen, before its body is read. Default 64 KiB.
    /// </summary>
    public int MaxHandshakeFrameBytes { get; set; } = 64 * 1024;

    /// <summary>Time allowed for the whole handshake. Default 5000 ms.</summary>
    public int HandshakeTimeoutMs { get; set; } = 5000;

    /// <summary>First wait before redialling a peer; doubles after each failure. Default 200 ms.</summary>
    public int ReconnectInitialMs { get; set; } = 200;

    /// <summary>Longest wait before redialling a peer. Default 10,000 ms.</summary>
    public int ReconnectMaxMs { get; set; } = 10_000;

    /// <summary>Whether mempool transactions are gossiped (admitted ones sent, received ones admitted). Default true.</summary>
    public bool GossipMempool { get; set; } = true;

    /// <summary>How long newly admitted transactions are gathered before one mempool gossip frame carries them all. Default 10 ms.</summary>
    public int MempoolGossipDelayMs { get; set; } = 10;

    /// <summary>Most transactions in one mempool gossip frame. Default 2,000.</summary>
    public int MempoolGossipMaxTxs { get; set; } = 2_000;
}

/// <summary>Refuses P2P settings the node cannot run with, naming the setting. Stateless; thread safe.</summary>
public sealed class P2POptionsValidator : IValidateOptions<P2POptions>
{
    public ValidateOptionsResult Validate(string? name, P2POptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!ListenEndpoint.TryParse(options.Listen, out _, out var error)) failures.Add($"P2P:Listen: {error}");
        if (!string.Equals(options.Transport, P2POptions.TransportTls, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(options.Transport, P2POptions.TransportCleartext, StringComparison.OrdinalIgnoreCase))
            failures.Add($"P2P:Transport must be \"{P2POptions.TransportTls}\" or \"{P2POptions.TransportCleartext}\" (is \"{options.Transport}\").");
        for (int i = 0; i < options.Peers.Count; i++)
            if (!PeerAddress.TryParse(options.Peers[i], out _, out error)) failures.Add($"P2P:Peers:{i}: {error}");
        for (int i = 0; i < options.AllowedPeers.Count; i++)
            if (!PeerId.TryParse(options.AllowedPeers[i], out _)) failures.Add($"P2P:AllowedPeers:{i}: '{options.AllowedPeers[i]}' is not a node key of 64 hex digits");
        if (string.IsNullOrWhiteSpace(options.NodeKeyFile)) failures.Add("P2P:NodeKeyFile must name a file");
        Range(failures, "MaxQueuePerPeer", options.MaxQueuePerPeer, 16, 1_000_000);
        Range(failures, "MaxReceiveQueue", options.MaxReceiveQueue, 16, 10_000_000);
        Range(failures, "MaxFrameBytes", options.MaxFrameBytes, 64 * 1024, 256 * 1024 * 1024);
        Range(failures, "MaxInboundFramesPerSecond", options.MaxInboundFramesPerSecond, 10, 10_000_000);
        Range(failures, "SeenCacheSize", options.SeenCacheSize, 16, 10_000_000);
        Range(failures, "MempoolGossipDelayMs", options.MempoolGossipDelayMs, 0, 1_000);
        Range(failures, "MempoolGossipMaxTxs", options.MempoolGossipMaxTxs, 1, 100_000);
        Range(failures, "MaxPendingHandshakes", options.MaxPendingHandshakes, 1, 10_000);
        Range(failures, "MaxPendingHandshakesPerAddress", options.MaxPendingHandshakesPerAddress, 1, 10_000);
        Range(failures, "MaxHandshakeFrameBytes", options.MaxHandshakeFrameBytes, 4 * 1024, 16 * 1024 * 1024);
        Range(failures, "HandshakeTimeoutMs", options.HandshakeTimeoutMs, 100, 120_000);
        Range(failures, "MaxPendingHandshakesPerKey", options.MaxPendingHandshakesPerKey, 1, 64);
        Range(failures, "HelloTimeoutMs", options.HelloTimeoutMs, 50, options.HandshakeTimeoutMs);
        Range(failures, "ReconnectInitialMs", options.ReconnectInitialMs, 1, 60_000);
        Range(failures, "ReconnectMaxMs", options.ReconnectMaxMs, options.ReconnectInitialMs, 600_000);
        if (options.MaxQueueBytesPerPeer < options.MaxFrameBytes)
            failures.Add($"P2P:MaxQueueBytesPerPeer must hold at least one frame of MaxFrameBytes ({options.MaxFrameBytes}); is {options.MaxQueueBytesPerPeer}.");
        if (options.MaxReceiveQueueBytes < options.MaxFrameBytes)
            failures.Add($"P2P:MaxReceiveQueueBytes must hold at least one frame of MaxFrameBytes ({options.MaxFrameBytes}); is {options.MaxReceiveQueueBytes}.");
        if (options.MaxInboundBytesPerSecond < 1024)
            failures.Add($"P2P:MaxInboundBytesPerSecond must be at least 1024; is {options.MaxInboundBytesPerSecond}.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Range(List<string> failures, string name, long value, long min, long max)
    {
        if (value < min || value > max) failures.Add($"P2P:{name} must be {min}..{max} (is {value}).");
    }
}
