using Grpc.Core;
using Grpc.Net.Client;
using Seratio.Portal.Hosting;
using Seratio.Protocol;

namespace Seratio.Portal.Node;

/// <summary>
/// The portal's one connection to its node: the gRPC client every page and endpoint reads through, and the deadline
/// each call gets. The browser never talks to the node itself; keys never reach this server (the wallet signs in the
/// browser and hands over signed bytes only). Thread safe; one per portal.
/// </summary>
public sealed class PortalNode : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly TimeSpan _timeout;

    public PortalNode(PortalOptions options)
    {
        Url = options.NodeUrl;
        _timeout = options.NodeCallTimeout;
        _channel = GrpcChannel.ForAddress(options.NodeUrl, new GrpcChannelOptions { MaxReceiveMessageSize = 16 * 1024 * 1024 });
        Api = new NodeApi.NodeApiClient(_channel);
    }

    /// <summary>The node's API URL, as the portal was given it.</summary>
    public string Url { get; }

    public NodeApi.NodeApiClient Api { get; }

    /// <summary>Call options for one unary call: the portal's deadline and the request's cancellation.</summary>
    public CallOptions Call(CancellationToken ct) => new(deadline: DateTime.UtcNow + _timeout, cancellationToken: ct);

    /// <summary>Call options for a stream: no deadline, ends with <paramref name="ct"/>.</summary>
    public static CallOptions Stream(CancellationToken ct) => new(cancellationToken: ct);

    public void Dispose() => _channel.Dispose();
}
