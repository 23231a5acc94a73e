using Grpc.Core;
using Seratio.Bridges.Relaying;

namespace Seratio.Cli.Devnet;

/// <summary>
/// Reads ready checkpoints from the first of several validators' APIs that answers, staying with it until it stops
/// answering: a devnet's relayers go on anchoring while one validator is down (every validator stores the same
/// checkpoints). Only an unreachable node moves on; any other failure is the answer. Thread safe (two relayers share one).
/// </summary>
internal sealed class FailoverCheckpointSource(IReadOnlyList<ICheckpointSource> sources) : ICheckpointSource
{
    private readonly IReadOnlyList<ICheckpointSource> _sources = sources.Count > 0 ? sources : throw new ArgumentException("no source", nameof(sources));
    private int _current;

    /// <summary>The index of the source asked first next time.</summary>
    public int Current => Volatile.Read(ref _current);

    /// <inheritdoc />
    public async Task<IReadOnlyList<ReadyCheckpoint>> ReadyAboveAsync(string target, ulong aboveHeight, CancellationToken cancellationToken)
    {
        int first = Current;
        for (int tried = 0; ; tried++)
        {
            int index = (first + tried) % _sources.Count;
            try
            {
                var ready = await _sources[index].ReadyAboveAsync(target, aboveHeight, cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _current, index);
                return ready;
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded && tried + 1 < _sources.Count)
            {
                // that node is down: the next one
            }
        }
    }
}
