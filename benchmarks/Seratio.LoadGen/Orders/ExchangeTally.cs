using System.Collections.Concurrent;
using Grpc.Core;
using Seratio.Protocol;

namespace Seratio.LoadGen.Orders;

/// <summary>The exchange's figures of a run. Immutable.</summary>
/// <param name="PlacementsPerSecond">Placements committed inside the window whose receipt is OK, per second.</param>
/// <param name="CancelsPerSecond">Cancels committed inside the window whose receipt is OK, per second.</param>
/// <param name="TransfersPerSecond">SER transfers committed inside the window, per second (same run).</param>
/// <param name="Trades">Trades of the market in the window's blocks (the market's trade counter).</param>
/// <param name="Blocks">Blocks committed inside the window.</param>
/// <param name="RefusedInBlock">Exchange actions committed with a code other than OK, by "kind CODE".</param>
internal sealed record ExchangeFigures(
    ulong MarketId, string Pair, double PlacementsPerSecond, double CancelsPerSecond, double TransfersPerSecond,
    ulong Trades, ulong Blocks, IReadOnlyDictionary<string, long> RefusedInBlock, string? TradesUnavailable)
{
    public double TradesPerBlock => Blocks == 0 ? 0 : (double)Trades / Blocks;
}

/// <summary>
/// After a run (so the reads do not load the measured node while it is measured): reads the receipt of every
/// exchange action committed inside the window (GetTx, a few at a time) to count those that did what they
/// asked and those refused in their block, by code; and the market's trade counter at the window's first
/// and last heights. Stateless.
/// </summary>
internal static class ExchangeTally
{
    private const int ParallelReads = 8;

    public static async Task<ExchangeFigures> CountAsync(NodeApi.NodeApiClient client, OrderMix mix, CommitTracker tracker, int seconds, CancellationToken ct)
    {
        var ok = new ConcurrentDictionary<TxKind, long>();
        var refused = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(tracker.ExchangeInWindow, new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = ct }, async (tx, token) =>
        {
            var receipt = (await client.GetTxAsync(new GetTxRequest { Hash = tx.Hash.ToByteString() }, cancellationToken: token)).Receipt;
            if (receipt.Code == ResultCode.Ok) ok.AddOrUpdate(tx.Kind, 1, (_, n) => n + 1);
            else refused.AddOrUpdate($"{tx.Kind.ToString().ToLowerInvariant()} {Code(receipt.Code)}", 1, (_, n) => n + 1);
        });

        var (first, last) = tracker.WindowHeights;
        ulong trades = 0, blocks = first == 0 ? 0 : last - first + 1;
        string? unavailable = null;
        if (blocks > 0)
        {
            try
            {
                ulong before = first > 1 ? await TradeCountAsync(client, mix.MarketId, first - 1, ct) : 0;
                trades = await TradeCountAsync(client, mix.MarketId, last, ct) - before;
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.NotFound or StatusCode.OutOfRange or StatusCode.FailedPrecondition or StatusCode.InvalidArgument or StatusCode.Unimplemented)
            {
                unavailable = $"the market's trade counter at heights {first - 1} and {last}: {e.StatusCode} {e.Status.Detail}";
            }
        }
        return new ExchangeFigures(
            MarketId: mix.MarketId,
            Pair: mix.Symbol + "/SER",
            PlacementsPerSecond: ok.GetValueOrDefault(TxKind.Place) / (double)seconds,
            CancelsPerSecond: ok.GetValueOrDefault(TxKind.Cancel) / (double)seconds,
            TransfersPerSecond: tracker.CommittedInWindowOf(TxKind.Transfer) / (double)seconds,
            Trades: trades,
            Blocks: blocks,
            RefusedInBlock: new SortedDictionary<string, long>(refused, StringComparer.Ordinal),
            TradesUnavailable: unavailable);
    }

    /// <summary>"RATE_LIMITED" for RESULT_CODE_RATE_LIMITED, as docs/modules/exchange.md names the refusals.</summary>
    public static string Code(ResultCode code)
    {
        var name = typeof(ResultCode).GetField(code.ToString())?.GetCustomAttributes(typeof(Google.Protobuf.Reflection.OriginalNameAttribute), false)
            .OfType<Google.Protobuf.Reflection.OriginalNameAttribute>().FirstOrDefault()?.Name;
        return name is null ? ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture) : name.Replace("RESULT_CODE_", "", StringComparison.Ordinal);
    }

    private static async Task<ulong> TradeCountAsync(NodeApi.NodeApiClient client, ulong market, ulong height, CancellationToken ct) =>
        (await client.GetMarketAsync(new GetMarketRequest { Id = market, Height = height }, cancellationToken: ct)).Market.TradeCount;
}
