using Seratio.Core.Addressing;
using Seratio.Core.Chain;
using Seratio.Core.Crypto;

namespace Seratio.Node.Mempool.Admission;

/// <summary>
/// The exchange's per-account limits at mempool admission (docs/modules/exchange.md, "Limits"; docs/transactions.md,
/// "Admission checks, in order"), the same ones execution enforces, so that a client flooding placements is refused
/// at the door instead of filling blocks with failing transactions: a transaction may carry at most
/// params.exchange.max_actions_per_block placements plus cancels (<see cref="AdmitOutcome.TooManyActions"/>); the
/// sender's pending actions plus this transaction's may not exceed it either (<see cref="AdmitOutcome.RateLimited"/>);
/// and per market, the sender's open orders in the latest state plus its pending placements plus this transaction's
/// may not exceed params.exchange.max_open_orders (<see cref="AdmitOutcome.TooManyOpenOrders"/>). Pure; thread safe.
/// </summary>
internal static class ExchangeLimits
{
    /// <summary>The check that needs no sender: the transaction alone fits in one block's actions.</summary>
    public static AdmitResult? CheckTx(ExchangeActions mine, ExchangeParams limits, Hash32 hash)
    {
        if (mine.Total <= limits.MaxActionsPerBlock) return null;
        return AdmitResult.Reject(AdmitOutcome.TooManyActions,
            $"this transaction carries {mine.Total} exchange actions ({mine.Placements} placements, {mine.Cancels} cancels); an account may make at most " +
            $"{limits.MaxActionsPerBlock} per block (params.exchange.max_actions_per_block): split it into transactions of at most {limits.MaxActionsPerBlock}", hash);
    }

    /// <summary>
    /// The checks against the sender: <paramref name="pending"/> are its transactions in the pool, <paramref name="openOrders"/>
    /// its open orders in the latest state for each market this transaction places in.
    /// </summary>
    public static AdmitResult? CheckSender(Address sender, ExchangeActions mine, IEnumerable<ExchangeActions> pending,
        IReadOnlyDictionary<ulong, uint> openOrders, ExchangeParams limits, Hash32 hash)
    {
        if (mine.IsEmpty) return null;
        int pendingActions = 0;
        var pendingPlacements = new SortedDictionary<ulong, int>();
        foreach (var held in pending)
        {
            pendingActions += held.Total;
            foreach (var (market, count) in held.PlacementsByMarket)
                if (mine.PlacementsByMarket.ContainsKey(market)) pendingPlacements[market] = pendingPlacements.GetValueOrDefault(market) + count;
        }
        if (pendingActions + mine.Total > limits.MaxActionsPerBlock)
            return AdmitResult.Reject(AdmitOutcome.RateLimited,
                $"{sender} has {pendingActions} exchange actions pending and this transaction adds {mine.Total}; an account may make at most " +
                $"{limits.MaxActionsPerBlock} placements plus cancels per block (params.exchange.max_actions_per_block): wait for the next block and retry", hash);
        foreach (var (market, placing) in mine.PlacementsByMarket)
        {
            long open = openOrders.GetValueOrDefault(market);
            long queued = pendingPlacements.GetValueOrDefault(market);
            if (open + queued + placing > limits.MaxOpenOrders)
                return AdmitResult.Reject(AdmitOutcome.TooManyOpenOrders,
                    $"{sender} has {open} open orders in market {market} and {queued} pending placements there; {placing} more would pass the limit of " +
                    $"{limits.MaxOpenOrders} per market (params.exchange.max_open_orders): cancel orders (seratio dex orders --owner {sender} --status open) or wait for fills", hash);
        }
        return null;
    }
}
