using System.Diagnostics;
using System.Globalization;
using Grpc.Net.Client;
using Seratio.Protocol;

namespace Seratio.LoadGen.AnchorLag;

/// <summary>What was seen of one checkpoint for one target: when it was first seen ready, and when included on its chain. Mutable, owned by the run.</summary>
internal sealed class CheckpointLag
{
    public required ulong Height { get; init; }
    /// <summary>The Seratio block that made it ready (the record's ready_height).</summary>
    public required ulong ReadyHeight { get; init; }
    /// <summary>Milliseconds since the run started when ListCheckpoints first showed it ready.</summary>
    public required double ReadyMs { get; init; }
    public double? AnchoredMs { get; set; }
    public ulong EvmBlock { get; set; }
    /// <summary>The Seratio head when the inclusion was seen.</summary>
    public ulong SeratioHeadAtAnchor { get; set; }
    public double? LagMs => AnchoredMs - ReadyMs;
}

/// <summary>
/// <c>seratio-loadgen anchor-lag</c>: every <see cref="AnchorLagOptions.PollMs"/> it lists the node's latest checkpoints
/// and reads each contract's new CheckpointAnchored events; a checkpoint that turns ready during the run starts a clock
/// per target, its inclusion stops it. Checkpoints ready before the run are ignored (their ready time is unknown), and
/// so are those a relayer skipped for a newer one (counted apart). Wall-clock lags with the poll as resolution; a
/// benchmark tool, not chain logic. Not thread safe: one loop.
/// </summary>
internal sealed class AnchorLagRun(AnchorLagOptions options, TextWriter output)
{
    private readonly Dictionary<(string Target, ulong Height), CheckpointLag> _lags = [];
    private readonly HashSet<(string Target, ulong Height)> _readyAtStart = [];
    /// <summary>Inclusions seen before the checkpoint was seen ready (both between two looks).</summary>
    private readonly Dictionary<(string Target, ulong Height), (ulong EvmBlock, ulong Head)> _includedUnseen = [];

    public async Task<AnchorLagReport> RunAsync(CancellationToken cancellationToken)
    {
        using var channel = GrpcChannel.ForAddress(options.Node);
        var node = new NodeApi.NodeApiClient(channel);
        var chains = options.Chains.Select(c => new AnchoredEvents(c)).ToList();
        var clock = Stopwatch.StartNew();
        bool first = true;
        output.WriteLine($"anchor-lag: node {options.Node}, {string.Join(", ", options.Chains.Select(c => $"{c.Target} {c.Contract} at {c.RpcUrl}"))}; " +
            $"{options.Checkpoints} checkpoints per chain, at most {options.DurationSeconds} s, every {options.PollMs} ms");
        while (clock.Elapsed.TotalSeconds < options.DurationSeconds && !Done())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await node.ListCheckpointsAsync(new ListCheckpointsRequest { PageSize = 10 }, cancellationToken: cancellationToken).ConfigureAwait(false);
            double now = clock.Elapsed.TotalMilliseconds;
            foreach (var record in page.Checkpoints)
                foreach (var target in record.Targets.Where(t => t.Ready && options.Chains.Any(c => c.Target == t.Target.Name)))
                {
                    var key = (target.Target.Name, record.Height);
                    if (first) _readyAtStart.Add(key);
                    else if (!_readyAtStart.Contains(key) && !_lags.ContainsKey(key))
                    {
                        var lag = new CheckpointLag { Height = record.Height, ReadyHeight = target.ReadyHeight, ReadyMs = now };
                        _lags[key] = lag;
                        // Ready and included between two looks: the lag is below the resolution.
                        if (_includedUnseen.Remove(key, out var early)) Included(key.Item1, lag, now, early.EvmBlock, early.Head);
                    }
                }
            foreach (var events in chains)
            {
                var seen = await events.NewAsync().ConfigureAwait(false);
                if (seen.Count == 0) continue;
                double at = clock.Elapsed.TotalMilliseconds;
                ulong head = (await node.GetStatusAsync(new GetStatusRequest(), cancellationToken: cancellationToken).ConfigureAwait(false)).LatestHeight;
                foreach (var e in seen)
                {
                    var key = (events.Chain.Target, e.Height);
                    if (_lags.TryGetValue(key, out var lag))
                    {
                        if (lag.AnchoredMs is null) Included(events.Chain.Target, lag, at, e.EvmBlock, head);
                    }
                    else if (!_readyAtStart.Contains(key)) _includedUnseen[key] = (e.EvmBlock, head);
                }
            }
            first = false;
            await Task.Delay(options.PollMs, cancellationToken).ConfigureAwait(false);
        }
        return new AnchorLagReport(options, [.. _lags.Select(kv => (kv.Key.Target, kv.Value))], clock.Elapsed);
    }

    private void Included(string target, CheckpointLag lag, double at, ulong evmBlock, ulong head)
    {
        lag.AnchoredMs = at;
        lag.EvmBlock = evmBlock;
        lag.SeratioHeadAtAnchor = head;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{target}: checkpoint {lag.Height} ready at seratio height {lag.ReadyHeight}, included in evm block {evmBlock} " +
            $"{lag.LagMs:F0} ms later (seratio head {head}, +{(head >= lag.ReadyHeight ? head - lag.ReadyHeight : 0)} blocks)"));
    }

    private bool Done() => options.Chains.All(c => _lags.Count(kv => kv.Key.Target == c.Target && kv.Value.AnchoredMs is not null) >= options.Checkpoints);
}
