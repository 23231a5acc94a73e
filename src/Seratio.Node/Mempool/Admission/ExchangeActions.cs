using Seratio.Core.Transactions;
using Seratio.Protocol;

namespace Seratio.Node.Mempool.Admission;

/// <summary>
/// What one transaction asks of the exchange (docs/modules/exchange.md, "Limits"): its placements per market and
/// its cancels. <see cref="None"/> for a transaction with no exchange message. Immutable once built.
/// </summary>
internal sealed class ExchangeActions
{
    public static readonly ExchangeActions None = new(new SortedDictionary<ulong, int>(), 0);

    private ExchangeActions(SortedDictionary<ulong, int> placements, int cancels) => (PlacementsByMarket, Cancels) = (placements, cancels);

    /// <summary>Placements per market id, ascending.</summary>
    public IReadOnlyDictionary<ulong, int> PlacementsByMarket { get; }

    public int Cancels { get; }

    public int Placements => PlacementsByMarket.Values.Sum();

    /// <summary>Placements plus cancels: what counts against params.exchange.max_actions_per_block.</summary>
    public int Total => Placements + Cancels;

    public bool IsEmpty => Total == 0;

    public static ExchangeActions Of(SignedTx tx)
    {
        ArgumentNullException.ThrowIfNull(tx);
        SortedDictionary<ulong, int>? placements = null;
        int cancels = 0;
        foreach (var msg in tx.Body.Msgs)
        {
            if (msg.KindCase == Msg.KindOneofCase.CancelOrder) cancels++;
            else if (msg.KindCase == Msg.KindOneofCase.PlaceOrder)
            {
                placements ??= [];
                placements[msg.PlaceOrder.MarketId] = placements.GetValueOrDefault(msg.PlaceOrder.MarketId) + 1;
            }
        }
        return placements is null && cancels == 0 ? None : new ExchangeActions(placements ?? [], cancels);
    }
}
