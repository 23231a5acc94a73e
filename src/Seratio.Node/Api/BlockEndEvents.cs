using Seratio.Node.Chain;
using Seratio.Protocol;

namespace Seratio.Node.Api;

/// <summary>
/// The events a block emitted after its transactions: the exchange's batches (trades, order updates), stored in
/// state under the block's height (docs/api.md, "StreamEvents"). Stateless; thread safe.
/// </summary>
internal static class BlockEndEvents
{
    /// <summary>
    /// The block's end events in order. They are written once, under the block's height, and never changed, so they are
    /// read from the newest state: a stream from a height whose own state was pruned (Storage:KeepStates) still gets them.
    /// </summary>
    public static IReadOnlyList<Event> Of(IChainReader chain, ulong height) =>
        Vm.Modules.Exchange.Exchange.BatchEvents(chain.LatestState, height);
}
