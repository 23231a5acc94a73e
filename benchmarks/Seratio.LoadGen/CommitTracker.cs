using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using Seratio.Core.Crypto;
using Seratio.Protocol;

namespace Seratio.LoadGen;

/// <summary>
/// Submission times and commits of the run's transactions: counts commits inside the measured
/// window, the latency of every transaction submitted inside it and the run's commits per
/// second (by the time their block reached the watched stream). Thread safe.
/// </summary>
internal sealed class CommitTracker(long windowStart, long windowEnd)
{
    private readonly ConcurrentDictionary<Hash32, long> _sentAt = new();
    private readonly long _origin = Stopwatch.GetTimestamp();
    /// <summary>Commits seen in second s of the run (from the tracker's start), up to a few seconds past the window.</summary>
    private readonly long[] _perSecond = new long[(int)(windowEnd / Stopwatch.Frequency) + 16];
    private long _committedInWindow, _submitted, _rejected, _retried;

    public long WindowStart { get; } = windowStart;
    public long WindowEnd { get; } = windowEnd;
    public ConcurrentBag<double> Latencies { get; } = new();
    public long Now => Stopwatch.GetTimestamp() - _origin;
    public long CommittedInWindow => Interlocked.Read(ref _committedInWindow);
    public long Submitted => Interlocked.Read(ref _submitted);
    public long Rejected => Interlocked.Read(ref _rejected);
    public long Retried => Interlocked.Read(ref _retried);

    /// <summary>Commits per second of the run, second 0 starting with the tracker.</summary>
    public long[] CommitsPerSecond() => Enumerable.Range(0, _perSecond.Length).Select(s => Interlocked.Read(ref _perSecond[s])).ToArray();

    /// <summary>Forgets a submission that will never reach the watched chain (its node died before taking it).</summary>
    public void Lost(Hash32 hash) => _sentAt.TryRemove(hash, out _);

    /// <summary>Records the first submission time (an offer again after a full pool keeps it).</summary>
    public void Sending(Hash32 hash) => _sentAt.TryAdd(hash, Now);
    public void Admitted() => Interlocked.Increment(ref _submitted);
    public void Refused(Hash32 hash) { _sentAt.TryRemove(hash, out _); Interlocked.Increment(ref _rejected); }
    public void Retrying(Hash32 hash) => Interlocked.Increment(ref _retried);

    /// <summary>Transactions submitted inside the window that no block carried by the end of the run.</summary>
    public int PendingInWindow() => _sentAt.Values.Count(t => t >= WindowStart && t < WindowEnd);

    public async Task WatchAsync(NodeApi.NodeApiClient client, ulong fromHeight, CancellationToken stop)
    {
        try
        {
            using var stream = client.StreamBlocks(new StreamBlocksRequest { FromHeight = fromHeight }, cancellationToken: stop);
            await foreach (var block in stream.ResponseStream.ReadAllAsync(stop))
            {
                long now = Now;
                long second = now / Stopwatch.Frequency;
                foreach (var tx in block.Block.Txs)
                {
                    if (!_sentAt.TryRemove(Transfers.HashOf(tx.Span), out var sent)) continue;
                    if (second < _perSecond.Length) Interlocked.Increment(ref _perSecond[second]);
                    if (sent >= WindowStart && sent < WindowEnd) Latencies.Add((now - sent) * 1000.0 / Stopwatch.Frequency);
                    if (now >= WindowStart && now < WindowEnd) Interlocked.Increment(ref _committedInWindow);
                }
            }
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled) { }
        catch (OperationCanceledException) { }
    }
}
