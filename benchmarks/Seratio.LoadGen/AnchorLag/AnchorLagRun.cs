using System.Diagnostics;
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
                        _lags[key] = new CheckpointLag { Height = record.Height, ReadyHeight = target.ReadyHeight, ReadyMs = now };
                }
            foreach (var events in chains)
            {
                var seen = await events.NewAsync().ConfigureAwait(false);
                if (seen.Count == 0) continue;
                double at = clock.Elapsed.TotalMilliseconds;
                ulong head = (await node.GetStatusAsync(new GetStatusRequest(), cancellationToken: cancellationToken).ConfigureAwait(false)).LatestHeight;
                foreach (var e in seen)
                {
                    if (!_lags.TryGetValue((events.Chain.Target, e.Height), out var lag) || lag.AnchoredMs is not null) continue;
                    lag.AnchoredMs = at;
                    lag.EvmBlock = e.EvmBlock;
                    lag.SeratioHeadAtAnchor = head;
                    output.WriteLine($"{events.Chain.Target}: checkpoint {lag.Height} ready at seratio height {lag.ReadyHeight}, included in evm block {e.EvmBlock} " +
                        $"{lag.LagMs:F0} ms later (seratio head {head}, +{head - lag.ReadyHeight} blocks)");
                }
            }
            first = false;
            await Task.Delay(options.PollMs, cancellationToken).ConfigureAwait(false);
        }
        return new AnchorLagReport(options, [.. _lags.Select(kv => (kv.Key.Target, kv.Value))], clock.Elapsed);
    }

    private bool Done() => options.Chains.All(c => _lags.Count(kv => kv.Key.Target == c.Target && kv.Value.AnchoredMs is not null) >= options.Checkpoints);
}
