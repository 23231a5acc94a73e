using System.Globalization;
using System.Text;

namespace Seratio.LoadGen.AnchorLag;

/// <summary>
/// The figures of an anchor-lag run per chain: how many checkpoints turned ready and were included, how many a relayer
/// skipped for a newer one, and the lag from ready to inclusion (p50, p99, max; milliseconds and Seratio blocks). Immutable.
/// </summary>
internal sealed class AnchorLagReport(AnchorLagOptions options, IReadOnlyList<(string Target, CheckpointLag Lag)> lags, TimeSpan elapsed)
{
    public string ToText()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"anchor lag, ready on the node → included on the chain, over {elapsed.TotalSeconds:F0} s (resolution {options.PollMs} ms):");
        foreach (var chain in options.Chains)
        {
            var mine = lags.Where(l => l.Target == chain.Target).Select(l => l.Lag).ToList();
            var anchored = mine.Where(l => l.AnchoredMs is not null).ToList();
            ulong highest = anchored.Count == 0 ? 0 : anchored.Max(l => l.Height);
            int skipped = mine.Count(l => l.AnchoredMs is null && l.Height < highest);
            var ms = anchored.Select(l => l.LagMs!.Value).Order().ToList();
            var blocks = anchored.Select(l => l.SeratioHeadAtAnchor >= l.ReadyHeight ? (double)(l.SeratioHeadAtAnchor - l.ReadyHeight) : 0).Order().ToList();
            var figures = anchored.Count == 0 ? "no figures" : string.Create(CultureInfo.InvariantCulture,
                $"lag p50 {Percentiles.Of(ms, 50):F0} ms, p99 {Percentiles.Of(ms, 99):F0} ms, max {ms[^1]:F0} ms; in seratio blocks p50 {Percentiles.Of(blocks, 50):F0}, max {blocks[^1]:F0}");
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  {chain.Target}: {anchored.Count} included of {mine.Count} turned ready ({skipped} skipped for a newer one); {figures}");
        }
        return text.ToString();
    }
}
