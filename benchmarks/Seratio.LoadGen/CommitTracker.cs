using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using Seratio.Core.Crypto;
using Seratio.Protocol;

namespace Seratio.LoadGen;

/// <summary>
/// Submission times and commits of the run's transactions: counts commits inside the measured
/// window, the latency of every transaction submitted inside it and the run's commits per
/// second (by the time their block reached the watched stream), each kind's commits inside the window,
/// the exchange actions committed inside it (whose receipts <see cref="ExchangeTally"/> reads after the
/// run), the heights of the first and last block inside it, and admission refusals by kind and outcome.
/// Thread safe.
/// </summary>
internal sealed class CommitTracker(long windowStart, long windowEnd)
{
    private readonly ConcurrentDictionary<Hash32, (long At, TxKind Kind)> _sentAt = new();
    private readonly long[] _committedByKind = new long[Enum.GetValues<TxKind>().Length];
    private readonly ConcurrentQueue<(Hash32 Hash, TxKind Kind)> _exchangeInWindow = new();
    private readonly ConcurrentDictionary<string, long> _refusals = new(StringComparer.Ordinal);
    private ulong _firstWindowHeight, _lastWindowHeight;
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

    /// <summary>Commits inside the window of transactions of <paramref name="kind"/>.</summary>
    public long CommittedInWindowOf(TxKind kind) => Interlocked.Read(ref _committedByKind[(int)kind]);

    /// <summary>Placements and cancels committed inside the window (whatever their receipts say).</summary>
    public IReadOnlyList<(Hash32 Hash, TxKind Kind)> ExchangeInWindow => _exchangeInWindow.ToArray();

    /// <summary>The first and last height of the blocks that reached the stream inside the window (0, 0 when none did).</summary>
    public (ulong First, ulong Last) WindowHeights => (Interlocked.Read(ref _firstWindowHeight), Interlocked.Read(ref _lastWindowHeight));

    /// <summary>Admission refusals (other than a full pool), counted by "kind outcome".</summary>
    public IReadOnlyDictionary<string, long> Refusals => new SortedDictionary<string, long>(_refusals, StringComparer.Ordinal);

    /// <summary>Commits per second of the run, second 0 starting with the tracker.</summary>
    public long[] CommitsPerSecond() => Enumerable.Range(0, _perSecond.Length).Select(s => Interlocked.Read(ref _perSecond[s])).ToArray();

    /// <summary>Forgets a submission that will never reach the watched chain (its node died before taking it).</summary>
    public void Lost(Hash32 hash) => _sentAt.TryRemove(hash, out _);

    /// <summary>Records the first submission time (an offer again after a full pool keeps it).</summary>
    public void Sending(Pending tx) => _sentAt.TryAdd(tx.Hash, (Now, tx.Kind));
    public void Admitted() => Interlocked.Increment(ref _submitted);

    /// <summary>Records a refusal at admission; <paramref name="outcome"/> is the node's outcome name (or status code).</summary>
    public void Refused(Pending tx, string outcome)
    {
        _sentAt.TryRemove(tx.Hash, out _);
        Interlocked.Increment(ref _rejected);
        _refusals.AddOrUpdate($"{tx.Kind.ToString().ToLowerInvariant()} {outcome}", 1, (_, n) => n + 1);
    }
    public void Retrying(Hash32 hash) => Interlocked.Increment(ref _retried);

    /// <summary>Transactions submitted inside the window that no block carried by the end of the run.</summary>
    public int PendingInWindow() => _sentAt.Values.Count(t => t.At >= WindowStart && t.At < WindowEnd);

    public async Task WatchAsync(NodeApi.NodeApiClient client, ulong fromHeight, CancellationToken stop)
    {
        try
        {
            using var stream = client.StreamBlocks(new StreamBlocksRequest { FromHeight = fromHeight }, cancellationToken: stop);
            await foreach (var block in stream.ResponseStream.ReadAllAsync(stop))
            {
                long now = Now;
                long second = now / Stopwatch.Frequency;
                bool inWindow = now >= WindowStart && now < WindowEnd;
                if (inWindow)
                {
                    Interlocked.CompareExchange(ref _firstWindowHeight, block.Block.Header.Height, 0);
                    Interlocked.Exchange(ref _lastWindowHeight, block.Block.Header.Height);
                }
                foreach (var tx in block.Block.Txs)
                {
                    var hash = Transfers.HashOf(tx.Span);
                    if (!_sentAt.TryRemove(hash, out var sent)) continue;
                    if (second < _perSecond.Length) Interlocked.Increment(ref _perSecond[second]);
                    if (sent.At >= WindowStart && sent.At < WindowEnd) Latencies.Add((now - sent.At) * 1000.0 / Stopwatch.Frequency);
                    if (!inWindow) continue;
                    Interlocked.Increment(ref _committedInWindow);
                    Interlocked.Increment(ref _committedByKind[(int)sent.Kind]);
                    if (sent.Kind is TxKind.Place or TxKind.Cancel) _exchangeInWindow.Enqueue((hash, sent.Kind));
                }
            }
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled) { }
        catch (OperationCanceledException) { }
    }
}
