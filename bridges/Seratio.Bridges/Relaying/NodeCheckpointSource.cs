using Grpc.Core;
using Grpc.Net.Client;
using Seratio.Protocol;

namespace Seratio.Bridges.Relaying;

/// <summary>
/// Reads ready checkpoints from a Seratio node over its public gRPC API (<c>ListCheckpoints</c>, newest first, paged
/// until the pages reach heights already anchored). Thread safe (the gRPC channel is); disposing closes the channel.
/// </summary>
public sealed class NodeCheckpointSource : ICheckpointSource, IDisposable
{
    private const uint PageSize = 100;
    private readonly GrpcChannel _channel;
    private readonly NodeApi.NodeApiClient _client;

    /// <summary>A source reading from the node API at <paramref name="nodeUrl"/> (e.g. http://127.0.0.1:26657).</summary>
    public NodeCheckpointSource(string nodeUrl)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nodeUrl);
        _channel = GrpcChannel.ForAddress(nodeUrl);
        _client = new NodeApi.NodeApiClient(_channel);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ReadyCheckpoint>> ReadyAboveAsync(string target, ulong aboveHeight, CancellationToken cancellationToken)
    {
        var ready = new List<ReadyCheckpoint>();
        var request = new ListCheckpointsRequest { PageSize = PageSize };
        while (true)
        {
            ListCheckpointsResponse page;
            try
            {
                page = await _client.ListCheckpointsAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                break;
            }
            bool reachedAnchored = false;
            foreach (var record in page.Checkpoints)
            {
                if (record.Height <= aboveHeight) { reachedAnchored = true; break; }
                if (ReadyCheckpoint.For(record, target) is { } checkpoint) ready.Add(checkpoint);
            }
            if (reachedAnchored || string.IsNullOrEmpty(page.NextPageToken)) break;
            // Read every page at the height of the first, so the pages agree with each other.
            request = new ListCheckpointsRequest { PageSize = PageSize, PageToken = page.NextPageToken, Height = page.Height };
        }
        ready.Reverse();
        return ready;
    }

    /// <inheritdoc />
    public void Dispose() => _channel.Dispose();
}
