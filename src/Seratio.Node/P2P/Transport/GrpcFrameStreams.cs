using Grpc.Core;
using Seratio.Protocol;

namespace Seratio.Node.P2P.Transport;

/// <summary>The accepting side of a connection: the PeerApi.Connect call's two streams. One reader, one writer.</summary>
internal sealed class ServerFrameStream(IAsyncStreamReader<PeerFrame> requests, IServerStreamWriter<PeerFrame> responses, string remote,
    HandshakeFrameLimit? limit = null) : IFrameStream
{
    public string Remote { get; } = remote;

    public void HandshakeAccepted() => limit?.Open();

    public async ValueTask<PeerFrame?> ReadAsync(CancellationToken cancellationToken) =>
        await requests.MoveNext(cancellationToken).ConfigureAwait(false) ? requests.Current : null;

    public Task WriteAsync(PeerFrame frame, CancellationToken cancellationToken) => responses.WriteAsync(frame, cancellationToken);
}

/// <summary>The dialling side of a connection: the client call's two streams. One reader, one writer.</summary>
internal sealed class ClientFrameStream(AsyncDuplexStreamingCall<PeerFrame, PeerFrame> call, string remote) : IFrameStream
{
    public string Remote { get; } = remote;

    public async ValueTask<PeerFrame?> ReadAsync(CancellationToken cancellationToken) =>
        await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false) ? call.ResponseStream.Current : null;

    public Task WriteAsync(PeerFrame frame, CancellationToken cancellationToken) => call.RequestStream.WriteAsync(frame, cancellationToken);
}
