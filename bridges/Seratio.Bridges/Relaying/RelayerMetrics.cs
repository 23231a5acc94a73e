using System.Numerics;
using Prometheus;

namespace Seratio.Bridges.Relaying;

/// <summary>
/// The relayers' Prometheus metrics (<c>seratio_relayer_*</c>, label <c>target</c>; docs/operations.md) in a registry the
/// host owns: the node's own registry for hosted relayers, a registry of its own behind <c>seratio relayer --metrics</c>.
/// Gas in wei is a counter of doubles (Prometheus has no integers): exact to 2^53 wei, about 0.009 ETH, then rounded.
/// Thread safe.
/// </summary>
public sealed class RelayerMetrics : IRelayerMetrics
{
    private readonly Gauge _anchored;
    private readonly Gauge _lag;
    private readonly Counter _gasUsed;
    private readonly Counter _gasWei;
    private readonly Counter _submissions;
    private readonly Counter _resubmissions;
    private readonly Counter _feeBumps;
    private readonly Counter _refusals;
    private readonly Counter _roundsFailed;
    private readonly Gauge _outbox;

    /// <summary>Creates the metrics in <paramref name="registry"/>.</summary>
    public RelayerMetrics(CollectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        Registry = registry;
        var f = Prometheus.Metrics.WithCustomRegistry(registry);
        _anchored = f.CreateGauge("seratio_relayer_anchored_height", "Last checkpoint height the anchor contract holds.", "target");
        _lag = f.CreateGauge("seratio_relayer_lag_heights", "Latest checkpoint height ready for the target minus the last anchored one.", "target");
        _gasUsed = f.CreateCounter("seratio_relayer_gas_used_total", "Gas used by the relayer's mined transactions.", "target");
        _gasWei = f.CreateCounter("seratio_relayer_gas_spent_wei_total", "Wei paid for the relayer's mined transactions (gas used times effective gas price).", "target");
        _submissions = f.CreateCounter("seratio_relayer_submissions_total", "Checkpoints sent for the first time.", "target");
        _resubmissions = f.CreateCounter("seratio_relayer_resubmissions_total", "Checkpoints sent again with a fresh nonce (dropped, reorganised away, reverted).", "target");
        _feeBumps = f.CreateCounter("seratio_relayer_fee_bumps_total", "Stuck transactions replaced with a higher fee (same nonce).", "target");
        _refusals = f.CreateCounter("seratio_relayer_refusals_total", "Checkpoints the contract refused in the dry run (other than a stale height).", "target");
        _roundsFailed = f.CreateCounter("seratio_relayer_rounds_failed_total", "Relayer rounds that failed (EVM node or Seratio node unreachable).", "target");
        _outbox = f.CreateGauge("seratio_relayer_outbox_entries", "Outbox entries by state.", "target", "state");
    }

    /// <summary>The registry the metrics live in.</summary>
    public CollectorRegistry Registry { get; }

    /// <inheritdoc />
    public void Anchored(string target, ulong anchoredHeight, ulong lag)
    {
        _anchored.WithLabels(target).Set(anchoredHeight);
        _lag.WithLabels(target).Set(lag);
    }

    /// <inheritdoc />
    public void GasSpent(string target, BigInteger gasUsed, BigInteger gasPriceWei)
    {
        if (gasUsed.Sign <= 0) return;
        _gasUsed.WithLabels(target).Inc((double)gasUsed);
        _gasWei.WithLabels(target).Inc((double)(gasUsed * BigInteger.Max(gasPriceWei, BigInteger.Zero)));
    }

    /// <inheritdoc />
    public void Submitted(string target) => _submissions.WithLabels(target).Inc();

    /// <inheritdoc />
    public void Resubmitted(string target) => _resubmissions.WithLabels(target).Inc();

    /// <inheritdoc />
    public void FeeBumped(string target) => _feeBumps.WithLabels(target).Inc();

    /// <inheritdoc />
    public void Refused(string target) => _refusals.WithLabels(target).Inc();

    /// <inheritdoc />
    public void RoundFailed(string target) => _roundsFailed.WithLabels(target).Inc();

    /// <inheritdoc />
    public void Outbox(string target, IReadOnlyDictionary<OutboxState, int> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        foreach (var state in Enum.GetValues<OutboxState>())
            _outbox.WithLabels(target, state.ToString()).Set(counts.GetValueOrDefault(state));
    }

    /// <summary>The metrics in the Prometheus text format.</summary>
    public async Task<string> ExportTextAsync(CancellationToken cancellationToken = default)
    {
        using var stream = new MemoryStream();
        await Registry.CollectAndExportAsTextAsync(stream, cancellationToken).ConfigureAwait(false);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
