using Seratio.Node.Chain;
using Seratio.Protocol;

namespace Seratio.Node.Api;

/// <summary>
/// The events a block emitted after its transactions: the exchange's batches (trades, order updates), then the DAF's
/// end-of-block step (proposal transitions, executions and their inner messages' events) and the grants' step (grants
/// paid or expired), each stored in state under the block's height (docs/api.md, "StreamEvents"). Stateless; thread safe.
/// </summary>
internal static class BlockEndEvents
{
    /// <summary>
    /// The block's end events in order: the exchange's batch events, then the DAF's and the grants'. They are written
    /// once, under the block's height, and never changed, so they are read from the newest state: a stream from a
    /// height whose own state was pruned (Storage:KeepStates) still gets them.
    /// </summary>
    public static IReadOnlyList<Event> Of(IChainReader chain, ulong height)
    {
        var state = chain.LatestState;
        var exchange = Vm.Modules.Exchange.Exchange.BatchEvents(state, height);
        var daf = Vm.Modules.Daf.Daf.EndBlockEvents(state, height);
        if (daf.Count == 0) return exchange;
        if (exchange.Count == 0) return daf;
        return [.. exchange, .. daf];
    }
}
