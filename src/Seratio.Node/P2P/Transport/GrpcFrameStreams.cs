using Grpc.Core;
using Seratio.Core.Crypto;
using Seratio.Protocol;

namespace Seratio.Node.P2P.Transport;

/// <summary>The accepting side of a connection: the PeerApi.Connect call's two streams. One reader, one writer.</summary>
internal sealed class ServerFrameStream(IAsyncStreamReader<PeerFrame> requests, IServerStreamWriter<PeerFrame> responses, string remote,
    HandshakeFrameLimit? limit = null, Hash32 channelBinding = default) : IFrameStream
{
    public string Remote { get; } = remote;

    public Hash32 ChannelBinding { get; } = channelBinding;

    public void HandshakeAccepted() => limit?.Open();

    public async ValueTask<PeerFrame?> ReadAsync(CancellationToken cancellationToken) =>
        await requests.MoveNext(cancellationToken).ConfigureAwait(false) ? requests.Current : null;

    public Task WriteAsync(PeerFrame frame, CancellationToken cancellationToken) => responses.WriteAsync(frame, cancellationToken);
}

/// <summary>
/// The dialling side of a connection: the client call's two streams, and the certificate its TLS handshake
/// saw (none: cleartext). One reader, one writer.
/// </summary>
internal sealed class ClientFrameStream(AsyncDuplexStreamingCall<PeerFrame, PeerFrame> call, string remote,
    ServerCertificateRecorder? certificate = null) : IFrameStream
{
    public string Remote { get; } = remote;

    public Hash32 ChannelBinding => certificate?.Binding ?? default;

    public async ValueTask<PeerFrame?> ReadAsync(CancellationToken cancellationToken) =>
        await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false) ? call.ResponseStream.Current : null;

    public Task WriteAsync(PeerFrame frame, CancellationToken cancellationToken) => call.RequestStream.WriteAsync(frame, cancellationToken);
}
