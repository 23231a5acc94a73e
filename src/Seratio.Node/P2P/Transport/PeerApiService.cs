using Grpc.Core;
using Seratio.Node.P2P.Connection;
using Seratio.Protocol;

namespace Seratio.Node.P2P.Transport;

/// <summary>
/// The accepting side of the peer protocol (served on the P2P port only). A refused handshake
/// ends the call with the status of its outcome (PermissionDenied for an unknown key or a bad
/// proof, FailedPrecondition for another chain or genesis); a peer disconnected for flooding gets
/// ResourceExhausted, one that broke the protocol InvalidArgument. The handshake's channel binding is the
/// listener's own certificate hash (<see cref="PeerTlsIdentity.Binding"/>; zero under cleartext). Stateless; thread safe.
/// </summary>
public sealed class PeerApiService(PeerNetwork network, PeerTlsIdentity tls) : PeerApi.PeerApiBase
{
    public override async Task Connect(IAsyncStreamReader<PeerFrame> requestStream, IServerStreamWriter<PeerFrame> responseStream, ServerCallContext context)
    {
        var limit = context.GetHttpContext().Features.Get<HandshakeFrameLimit>();
        var stream = new ServerFrameStream(requestStream, responseStream, context.Peer, limit, tls.Binding);
        SessionResult result;
        try
        {
            result = await network.RunSessionAsync(stream, PeerDirection.Inbound, null, context.CancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException tooLarge) when (limit is not null)
        {
            // HandshakeFrameLimit refused a frame before the handshake completed: its own, bounded message.
            throw new RpcException(new Status(StatusCode.ResourceExhausted, tooLarge.Message));
        }
        if (context.CancellationToken.IsCancellationRequested) return;
        if (result.End == ConnectionEnd.LocalClosed) throw new RpcException(new Status(StatusCode.Unavailable, "this node is shutting down"));
        if (!result.Handshake.IsAccepted && result.Handshake.Outcome != Handshake.HandshakeOutcome.Closed)
            throw new RpcException(new Status(result.Handshake.ToStatusCode(), result.Handshake.Reason));
        switch (result.End)
        {
            case ConnectionEnd.Flooding:
                throw new RpcException(new Status(StatusCode.ResourceExhausted, "inbound budget exceeded (P2P:MaxInboundBytesPerSecond / MaxInboundFramesPerSecond)"));
            case ConnectionEnd.ProtocolViolation:
                throw new RpcException(new Status(StatusCode.InvalidArgument, "only PeerEnvelope frames on channels 1..3 may follow the handshake"));
            case ConnectionEnd.Replaced:
                throw new RpcException(new Status(StatusCode.AlreadyExists, "another connection to this node is kept"));
        }
    }
}
