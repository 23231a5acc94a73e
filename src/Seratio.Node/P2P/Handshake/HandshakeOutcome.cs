using Grpc.Core;

namespace Seratio.Node.P2P.Handshake;

/// <summary>How a handshake ended. Everything but <see cref="Accepted"/> closes the connection.</summary>
public enum HandshakeOutcome
{
    Accepted,
    /// <summary>The first frames were not a Hello then a proof, or a field had the wrong size.</summary>
    Malformed,
    /// <summary>The peer speaks another protocol version.</summary>
    WrongProtocol,
    /// <summary>The peer is on another chain id.</summary>
    WrongChain,
    /// <summary>The peer has another genesis document.</summary>
    WrongGenesis,
    /// <summary>The key is neither a validator (of genesis or of the chain now) nor in P2P:AllowedPeers.</summary>
    UnknownKey,
    /// <summary>The dialled address was configured with another key.</summary>
    UnexpectedKey,
    /// <summary>The peer presented this node's own key (a node dialled itself).</summary>
    SelfConnection,
    /// <summary>The proof does not verify under the presented key (over TLS also: the two sides saw different certificates, a relay terminated TLS).</summary>
    BadSignature,
    /// <summary>The handshake did not finish in time.</summary>
    Timeout,
    /// <summary>The stream ended (or failed) before the handshake finished.</summary>
    Closed,
    /// <summary>The other side refused this node (its status says why).</summary>
    RefusedByPeer,
    /// <summary>Too many inbound handshakes in progress; retry later.</summary>
    Busy,
    /// <summary>This node is stopping.</summary>
    ShuttingDown,
}

/// <summary>The result of a handshake: the proven peer, or why it was refused. Immutable.</summary>
public readonly record struct HandshakeResult(HandshakeOutcome Outcome, string Reason, PeerId Peer, PeerRole Role)
{
    public bool IsAccepted => Outcome == HandshakeOutcome.Accepted;

    public static HandshakeResult Refuse(HandshakeOutcome outcome, string reason, PeerId peer = default) => new(outcome, reason, peer, PeerRole.Unknown);

    /// <summary>The gRPC status a refused dialer receives.</summary>
    public StatusCode ToStatusCode() => Outcome switch
    {
        HandshakeOutcome.Accepted => StatusCode.OK,
        HandshakeOutcome.Malformed => StatusCode.InvalidArgument,
        HandshakeOutcome.WrongProtocol or HandshakeOutcome.WrongChain or HandshakeOutcome.WrongGenesis or HandshakeOutcome.SelfConnection => StatusCode.FailedPrecondition,
        HandshakeOutcome.Timeout => StatusCode.DeadlineExceeded,
        HandshakeOutcome.Closed => StatusCode.Cancelled,
        HandshakeOutcome.Busy => StatusCode.ResourceExhausted,
        HandshakeOutcome.ShuttingDown => StatusCode.Unavailable,
        _ => StatusCode.PermissionDenied,
    };
}
