using System.Net.Http;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;

namespace Seratio.Node.P2P.Transport;

/// <summary>
/// Opens the gRPC channel of one dial: https:// with TLS 1.3 only (the certificate is recorded by a
/// <see cref="ServerCertificateRecorder"/>, not checked against a CA), or http:// (h2c) under
/// P2P:Transport=cleartext. A new HTTP handler per channel, so one dial's TLS session and certificate
/// are never another's. Stateless; thread safe.
/// </summary>
public static class PeerChannels
{
    /// <summary>The channel to <paramref name="address"/>; with TLS, <paramref name="certificate"/> records what the peer presents.</summary>
    public static GrpcChannel Open(PeerAddress address, P2POptions options, ServerCertificateRecorder? certificate)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(options);
        bool tls = options.UsesTls;
        if (tls && certificate is null) throw new ArgumentNullException(nameof(certificate), "a TLS dial records the server's certificate");
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromMilliseconds(options.HandshakeTimeoutMs),
            KeepAlivePingDelay = TimeSpan.FromSeconds(15),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
        };
        if (tls)
        {
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                EnabledSslProtocols = SslProtocols.Tls13,
                RemoteCertificateValidationCallback = certificate!.Accept,
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            };
        }
        return GrpcChannel.ForAddress(address.ToUri(tls), new GrpcChannelOptions
        {
            MaxReceiveMessageSize = options.MaxFrameBytes + 1024,
            MaxSendMessageSize = options.MaxFrameBytes + 1024,
            HttpHandler = handler,
            DisposeHttpClient = true,
        });
    }
}
