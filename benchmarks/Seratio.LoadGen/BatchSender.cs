using System.Collections.Concurrent;
using System.Diagnostics;
using Google.Protobuf;
using Grpc.Core;
using Seratio.Protocol;

namespace Seratio.LoadGen;

/// <summary>
/// Offers the plan with SubmitTxBatch: a dispatcher cuts the due transfers into batches of at
/// most <see cref="LoadGenOptions.Batch"/> (at least 10 ms worth at a fixed rate), keeps up to
/// <see cref="LoadGenOptions.Concurrency"/> batches in flight over the channels, and offers
/// transfers refused for a full pool again after a short pause. With several nodes a batch is cut
/// into one call per node (each account's transfers go to its node, <see cref="NodeRoutes.NodeOf"/>);
/// the transfers of a call whose node stopped answering are offered again to the next node up.
/// </summary>
internal sealed class BatchSender(LoadGenOptions options, NodeRoutes routes, LoadPlan plan, CommitTracker tracker, TextWriter log)
{
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(50);
    private readonly ConcurrentQueue<Pending> _retries = new();

    public async Task RunAsync(CancellationToken stop)
    {
        using var inFlight = new SemaphoreSlim(options.Concurrency);
        var sends = new List<Task>();
        long next = 0;
        int minBatch = options.Rate > 0 ? Math.Clamp(options.Rate / 100, 1, options.Batch) : options.Batch;
        while (tracker.Now < tracker.WindowEnd && !stop.IsCancellationRequested)
        {
            long due = options.Rate > 0
                ? (long)((double)tracker.Now / Stopwatch.Frequency * options.Rate) - next
                : options.Batch;
            if ((due < minBatch && _retries.IsEmpty) || next >= plan.Total && _retries.IsEmpty)
            {
                if (next >= plan.Total && _retries.IsEmpty && sends.All(s => s.IsCompleted)) break;
                await Task.Delay(2, stop).ConfigureAwait(false);
                continue;
            }
            var items = new List<Pending>(options.Batch);
            while (items.Count < options.Batch && _retries.TryDequeue(out var retry)) items.Add(retry);
            while (items.Count < options.Batch && due > 0 && next < plan.Total)
            {
                var p = plan.At(next++);
                due--;
                if (!plan.IsDead(p.Account)) items.Add(p);
            }
            if (items.Count == 0) continue;
            foreach (var group in items.GroupBy(p => routes.NodeOf(p.Account)).OrderBy(g => g.Key))
            {
                await inFlight.WaitAsync(stop).ConfigureAwait(false);
                sends.Add(SendAsync(group.Key, group.ToList(), inFlight, stop));
            }
            sends.RemoveAll(s => s.IsCompleted && !s.IsFaulted);
        }
        try { await Task.WhenAll(sends).ConfigureAwait(false); }
        catch (OperationCanceledException) { }
    }

    private async Task SendAsync(int node, List<Pending> items, SemaphoreSlim inFlight, CancellationToken stop)
    {
        try
        {
            var request = new SubmitTxBatchRequest();
            foreach (var p in items)
            {
                tracker.Sending(p);
                request.Txs.Add(UnsafeByteOperations.UnsafeWrap(p.Bytes));
            }
            var response = await routes.Client(node).SubmitTxBatchAsync(request, cancellationToken: stop).ConfigureAwait(false);
            var retry = new List<Pending>();
            for (int i = 0; i < items.Count; i++)
            {
                var result = response.Results[i];
                switch ((StatusCode)result.Code)
                {
                    case StatusCode.OK:
                    case StatusCode.AlreadyExists: // an earlier attempt got in after all
                        tracker.Admitted();
                        break;
                    case StatusCode.ResourceExhausted when result.Outcome is "PoolFull" or "AccountFull":
                        tracker.Retrying(items[i].Hash);
                        retry.Add(items[i]);
                        break;
                    default:
                        tracker.Refused(items[i], result.Outcome is { Length: > 0 } outcome ? outcome : ((StatusCode)result.Code).ToString());
                        if (plan.Fallback(items[i]) is { } transfer) retry.Add(transfer); // an exchange slot the node refused: a transfer keeps the nonce
                        else plan.Kill(items[i].Account);
                        break;
                }
            }
            if (retry.Count > 0)
            {
                await Task.Delay(RetryPause, stop).ConfigureAwait(false);
                foreach (var p in retry) _retries.Enqueue(p);
            }
        }
        catch (RpcException e) when (NodeRoutes.IsNodeGone(e) && !stop.IsCancellationRequested)
        {
            if (routes.MarkDown(node)) log.WriteLine($"node {routes.Urls[node]} stopped answering ({e.StatusCode}); its accounts move to the next node");
            foreach (var p in items) _retries.Enqueue(p);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && stop.IsCancellationRequested) { }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
        finally { inFlight.Release(); }
    }
}
