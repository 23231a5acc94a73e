using System.Globalization;
using System.Text.Json;
using Seratio.LoadGen.Orders;

namespace Seratio.LoadGen;

internal sealed record LoadReport(
    string Node, int Validators, int Cores, double VerifiesPerSecondPerCore, double BoundTxPerSecond,
    int OfferedRate, int Batch, int Accounts, int Concurrency, int DurationSeconds, long Submitted, long Rejected, long Retried, int NotCommitted,
    double CommittedTxPerSecond, double LatencyP50Ms, double LatencyP95Ms, double LatencyP99Ms, int LatencySamples,
    long[] CommitsPerSecond, Recovery? Recovery, IReadOnlyDictionary<string, long>? Refusals = null, ExchangeFigures? Exchange = null)
{
    public string ToText() => string.Create(CultureInfo.InvariantCulture, $"""
        Ed25519 bound     {VerifiesPerSecondPerCore:N0} verifies/s per core × {Cores} cores / {Validators} validator(s) = {BoundTxPerSecond:N0} tx/s
        offered           {(OfferedRate == 0 ? "as fast as admitted" : $"{OfferedRate:N0} tx/s")} from {Accounts:N0} accounts, {Concurrency} {(Batch > 0 ? $"batches of ≤ {Batch}" : "calls")} in flight
        submitted         {Submitted:N0} admitted (rejected {Rejected:N0}, offered again after a full pool {Retried:N0}); {NotCommitted:N0} submitted in the window never committed
        committed         {CommittedTxPerSecond:N0} tx/s over {DurationSeconds} s = {CommittedTxPerSecond / BoundTxPerSecond:P1} of the bound
        commit latency    p50 {LatencyP50Ms:N0} ms · p95 {LatencyP95Ms:N0} ms · p99 {LatencyP99Ms:N0} ms ({LatencySamples:N0} samples)
        per second        {string.Join(' ', CommitsPerSecond)}
        """) + (Recovery is null ? "" : Environment.NewLine + Recovery.ToText())
        + (Refusals is not { Count: > 0 } ? "" : Environment.NewLine + "refused (admission) " + Counts(Refusals))
        + (Exchange is null ? "" : Environment.NewLine + ExchangeText(Exchange));

    private static string ExchangeText(ExchangeFigures x) => string.Create(CultureInfo.InvariantCulture, $"""
        exchange          market {x.MarketId} {x.Pair}: {x.PlacementsPerSecond:N1} placements/s and {x.CancelsPerSecond:N1} cancels/s committed OK, next to {x.TransfersPerSecond:N1} transfers/s
        placements        {(x.TransfersPerSecond > 0 ? (x.PlacementsPerSecond / x.TransfersPerSecond).ToString("P1", CultureInfo.InvariantCulture) : "n/a")} of the transfer rate; exchange actions {(x.TransfersPerSecond > 0 ? ((x.PlacementsPerSecond + x.CancelsPerSecond) / x.TransfersPerSecond).ToString("P1", CultureInfo.InvariantCulture) : "n/a")}
        trades            {(x.TradesUnavailable is null ? $"{x.TradesPerBlock:N2} per block ({x.Trades:N0} trades in {x.Blocks:N0} blocks)" : "unknown: " + x.TradesUnavailable)}
        refused in block  {(x.RefusedInBlock.Count == 0 ? "none" : Counts(x.RefusedInBlock))}
        """);

    private static string Counts(IReadOnlyDictionary<string, long> counts) =>
        string.Join(" · ", counts.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key} {c.Value:N0}")));

    public string ToJson() => JsonSerializer.Serialize(this, new JsonSerializerOptions { WriteIndented = true });
}
