using Grpc.Core;
using Grpc.Net.Client;
using Seratio.Protocol;

namespace Seratio.LoadGen;

/// <summary>
/// The gRPC clients of every node of the run (several channels each) and which node an account
/// submits to: account a goes to node a mod N, so its nonces reach one mempool in order; once a
/// node stops answering it is marked down for good and its accounts move to the next node that
/// is up (their transactions already admitted there travel on by gossip, or are counted as never
/// committed). Thread safe.
/// </summary>
internal sealed class NodeRoutes : IDisposable
{
    private readonly GrpcChannel[][] _channels;
    private readonly NodeApi.NodeApiClient[][] _clients;
    private readonly int[] _down;
    private int _spread;

    public NodeRoutes(IReadOnlyList<string> nodes, int channelsPerNode)
    {
        Urls = nodes;
        _channels = nodes.Select(url => Enumerable.Range(0, channelsPerNode)
            .Select(_ => GrpcChannel.ForAddress(url, new GrpcChannelOptions
            {
                HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true },
                MaxSendMessageSize = 16 << 20,
                MaxReceiveMessageSize = 64 << 20,
            }))
            .ToArray()).ToArray();
        _clients = _channels.Select(cs => cs.Select(c => new NodeApi.NodeApiClient(c)).ToArray()).ToArray();
        _down = new int[nodes.Count];
    }

    public IReadOnlyList<string> Urls { get; }
    public int Count => _clients.Length;

    /// <summary>The first node's first client: funding, status and the watched block stream.</summary>
    public NodeApi.NodeApiClient Primary => _clients[0][0];

    /// <summary>A client of node <paramref name="node"/>, channels taken in turn.</summary>
    public NodeApi.NodeApiClient Client(int node)
    {
        var channels = _clients[node];
        return channels[(int)((uint)Interlocked.Increment(ref _spread) % (uint)channels.Length)];
    }

    /// <summary>The node account <paramref name="account"/> submits to: its home node a mod N, or the next one up.</summary>
    public int NodeOf(int account)
    {
        int home = account % Count;
        for (int k = 0; k < Count; k++)
        {
            int node = (home + k) % Count;
            if (Volatile.Read(ref _down[node]) == 0) return node;
        }
        throw new RpcException(new Status(StatusCode.Unavailable, "every node of --nodes stopped answering"));
    }

    public bool IsDown(int node) => Volatile.Read(ref _down[node]) != 0;

    /// <summary>Marks <paramref name="node"/> down; true the first time (so the caller reports it once).</summary>
    public bool MarkDown(int node) => Interlocked.Exchange(ref _down[node], 1) == 0;

    /// <summary>A failure that means the node itself is gone (killed, refusing connections), not a refusal of the transaction.</summary>
    public static bool IsNodeGone(RpcException e) => e.StatusCode is StatusCode.Unavailable or StatusCode.Internal or StatusCode.Unknown;

    /// <summary>Waits until every node has committed <paramref name="height"/>, so accounts funded on the first node are funded on all.</summary>
    public async Task WaitForHeightAsync(ulong height, CancellationToken ct)
    {
        for (int node = 1; node < Count; node++)
            while ((await _clients[node][0].GetStatusAsync(new GetStatusRequest(), cancellationToken: ct)).LatestHeight < height)
                await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
    }

    public void Dispose()
    {
        foreach (var c in _channels.SelectMany(cs => cs)) c.Dispose();
    }
}
