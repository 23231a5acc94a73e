using Seratio.Bridges.Relaying;
using Seratio.Node.Chain;
using Seratio.Vm.Modules.Anchor;

namespace Seratio.Node.Relaying;

/// <summary>
/// Ready checkpoints read from this node's own committed state (the anchor module's records, newest first, down to the
/// height asked for): what <see cref="NodeCheckpointSource"/> reads over the API, without a network hop, a TLS client or
/// an API port to find. Thread safe as the chain reader is.
/// </summary>
public sealed class ChainCheckpointSource(IChainReader chain) : ICheckpointSource
{
    /// <inheritdoc />
    public Task<IReadOnlyList<ReadyCheckpoint>> ReadyAboveAsync(string target, ulong aboveHeight, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var ready = new List<ReadyCheckpoint>();
        var state = new ChainStateReader(chain, chain.Head.Height);
        ulong total = AnchorStore.ReadCount(state);
        for (ulong position = total; position > 0; position--)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ulong height = AnchorStore.ReadHeightAt(state, position - 1);
            if (height <= aboveHeight) break;
            if (AnchorStore.ReadCheckpoint(state, height) is { } record && ReadyCheckpoint.For(record, target) is { } checkpoint) ready.Add(checkpoint);
        }
        ready.Reverse();
        return Task.FromResult<IReadOnlyList<ReadyCheckpoint>>(ready);
    }
}
