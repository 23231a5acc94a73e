using Seratio.Core.Crypto;
using Seratio.Protocol;

namespace Seratio.Node.P2P.Transport;

/// <summary>
/// One peer connection's frames, whichever side dialled. Reads and writes may run concurrently
/// with each other, but there is one reader and one writer at a time.
/// </summary>
public interface IFrameStream
{
    /// <summary>The remote endpoint, for logs.</summary>
    string Remote { get; }

    /// <summary>The next frame, or null when the peer ended the stream.</summary>
    ValueTask<PeerFrame?> ReadAsync(CancellationToken cancellationToken);

    Task WriteAsync(PeerFrame frame, CancellationToken cancellationToken);

    /// <summary>
    /// SHA-256 of the P2P listener's TLS certificate as this side saw it (the listener: its own; the dialler: the
    /// one presented to it), which both handshake proofs cover; 32 zero bytes on a cleartext stream. Read once the
    /// peer's Hello has arrived (the TLS handshake is over by then).
    /// </summary>
    Hash32 ChannelBinding => default;

    /// <summary>The handshake succeeded: frames up to P2P:MaxFrameBytes may follow (before it, only small ones).</summary>
    void HandshakeAccepted() { }
}
