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
/// transfers refused for a full pool again after a short pause.
/// </summary>
internal sealed class BatchSender(LoadGenOptions options, NodeApi.NodeApiClient[] clients, LoadPlan plan, CommitTracker tracker)
{
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(50);
    private readonly ConcurrentQueue<Pending> _retries = new();

    public async Task RunAsync(CancellationToken stop)
    {
        using var inFlight = new SemaphoreSlim(options.Concurrency);
        var sends = new List<Task>();
        long next = 0;
        int channel = 0;
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
            await inFlight.WaitAsync(stop).ConfigureAwait(false);
            var items = new List<Pending>(options.Batch);
            while (items.Count < options.Batch && _retries.TryDequeue(out var retry)) items.Add(retry);
            while (items.Count < options.Batch && due > 0 && next < plan.Total)
            {
                var p = plan.At(next++);
                due--;
                if (!plan.IsDead(p.Account)) items.Add(p);
            }
            if (items.Count == 0) { inFlight.Release(); continue; }
            sends.Add(SendAsync(clients[channel++ % clients.Length], items, inFlight, stop));
            sends.RemoveAll(s => s.IsCompleted && !s.IsFaulted);
        }
        try { await Task.WhenAll(sends).ConfigureAwait(false); }
        catch (OperationCanceledException) { }
    }

    private async Task SendAsync(NodeApi.NodeApiClient client, List<Pending> items, SemaphoreSlim inFlight, CancellationToken stop)
    {
        try
        {
            var request = new SubmitTxBatchRequest();
            foreach (var p in items)
            {
                tracker.Sending(p.Hash);
                request.Txs.Add(UnsafeByteOperations.UnsafeWrap(p.Bytes));
            }
            var response = await client.SubmitTxBatchAsync(request, cancellationToken: stop).ConfigureAwait(false);
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
                        tracker.Refused(items[i].Hash);
                        plan.Kill(items[i].Account);
                        break;
                }
            }
            if (retry.Count > 0)
            {
                await Task.Delay(RetryPause, stop).ConfigureAwait(false);
                foreach (var p in retry) _retries.Enqueue(p);
            }
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && stop.IsCancellationRequested) { }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
        finally { inFlight.Release(); }
    }
}

/// <summary>
/// Offers the plan with one SubmitTx per transfer: <see cref="LoadGenOptions.Concurrency"/>
/// workers, each owning a slice of the accounts so every account's nonces go out in order; a
/// transfer refused for a full pool is offered again after a short pause.
/// </summary>
internal sealed class UnarySender(LoadGenOptions options, NodeApi.NodeApiClient[] clients, LoadPlan plan, CommitTracker tracker)
{
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(50);

    public Task RunAsync(CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(w => Task.Run(() => WorkerAsync(w, stop), CancellationToken.None)));

    private async Task WorkerAsync(int w, CancellationToken stop)
    {
        var client = clients[w % clients.Length];
        var mine = Enumerable.Range(0, plan.Accounts).Where(a => a % options.Concurrency == w).ToList();
        if (mine.Count == 0) return;
        double perWorkerRate = options.Rate > 0 ? (double)options.Rate / Math.Min(options.Concurrency, plan.Accounts) : 0;
        long n = 0;
        try
        {
            for (int round = 0; round < plan.PerAccount; round++)
                foreach (var a in mine.ToArray())
                {
                    long now = tracker.Now;
                    if (now >= tracker.WindowEnd || stop.IsCancellationRequested) return;
                    if (perWorkerRate > 0)
                    {
                        long due = (long)(n / perWorkerRate * Stopwatch.Frequency);
                        if (due > now) await Task.Delay(TimeSpan.FromSeconds((double)(due - now) / Stopwatch.Frequency), stop).ConfigureAwait(false);
                    }
                    n++;
                    if (!await SubmitAsync(client, plan.Get(a, round), stop).ConfigureAwait(false)) mine.Remove(a);
                }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && stop.IsCancellationRequested) { }
    }

    /// <summary>False when the account must stop (a refusal other than a full pool).</summary>
    private async Task<bool> SubmitAsync(NodeApi.NodeApiClient client, Pending tx, CancellationToken stop)
    {
        tracker.Sending(tx.Hash);
        while (true)
        {
            try
            {
                await client.SubmitTxAsync(new SubmitTxRequest { Tx = UnsafeByteOperations.UnsafeWrap(tx.Bytes) }, cancellationToken: stop).ConfigureAwait(false);
                tracker.Admitted();
                return true;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.ResourceExhausted && e.Trailers.GetValue("seratio-outcome") is "PoolFull" or "AccountFull")
            {
                tracker.Retrying(tx.Hash);
                await Task.Delay(RetryPause, stop).ConfigureAwait(false);
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.FailedPrecondition or StatusCode.InvalidArgument or StatusCode.ResourceExhausted)
            {
                tracker.Refused(tx.Hash);
                return false;
            }
        }
    }
}
