using Seratio.Node.Chain;
using Seratio.Protocol;

namespace Seratio.Node.Api;

/// <summary>
/// The events a block emitted after its transactions: the exchange's batches (trades, order updates), stored in
/// state under the block's height (docs/api.md, "StreamEvents"). Stateless; thread safe.
/// </summary>
internal static class BlockEndEvents
{
    /// <summary>The block's end events in order; none when its state is no longer retained (the receipts' events still stream).</summary>
    public static IReadOnlyList<Event> Of(IChainReader chain, ulong height)
    {
        try { return Vm.Modules.Exchange.Exchange.BatchEvents(new ChainStateReader(chain, height), height); }
        catch (Chain.Retention.HeightPrunedException) { return []; }
    }
}
