using System.Diagnostics;
using Google.Protobuf;
using Grpc.Core;
using Seratio.Protocol;

namespace Seratio.LoadGen;

/// <summary>
/// Offers the plan with one SubmitTx per transfer: about <see cref="LoadGenOptions.Concurrency"/>
/// workers, spread evenly over the nodes, each owning a slice of the accounts of one node so every
/// account's nonces go out in order to one mempool; a transfer refused for a full pool is offered
/// again after a short pause, and one whose node stopped answering goes to the next node up.
/// </summary>
internal sealed class UnarySender(LoadGenOptions options, NodeRoutes routes, LoadPlan plan, CommitTracker tracker, TextWriter log)
{
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(50);

    public Task RunAsync(CancellationToken stop)
    {
        int perNode = (options.Concurrency + routes.Count - 1) / routes.Count;
        int workers = perNode * routes.Count;
        return Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(() => WorkerAsync(w, perNode, workers, stop), CancellationToken.None)));
    }

    private async Task WorkerAsync(int w, int perNode, int workers, CancellationToken stop)
    {
        // Worker w serves the accounts of node w mod N (a mod N == node), every perNode-th of them.
        int node = w % routes.Count, slice = w / routes.Count;
        var mine = Enumerable.Range(0, plan.Accounts).Where(a => a % routes.Count == node && a / routes.Count % perNode == slice).ToList();
        if (mine.Count == 0) return;
        double perWorkerRate = options.Rate > 0 ? (double)options.Rate / Math.Min(workers, plan.Accounts) : 0;
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
                    if (!await SubmitAsync(plan.Get(a, round), stop).ConfigureAwait(false)) mine.Remove(a);
                }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && stop.IsCancellationRequested) { }
    }

    /// <summary>False when the account must stop (a refusal other than a full pool).</summary>
    private async Task<bool> SubmitAsync(Pending tx, CancellationToken stop)
    {
        tracker.Sending(tx);
        while (true)
        {
            int node = routes.NodeOf(tx.Account);
            try
            {
                await routes.Client(node).SubmitTxAsync(new SubmitTxRequest { Tx = UnsafeByteOperations.UnsafeWrap(tx.Bytes) }, cancellationToken: stop).ConfigureAwait(false);
                tracker.Admitted();
                return true;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.AlreadyExists)
            {
                tracker.Admitted(); // an attempt on a node that died got in and was gossiped on
                return true;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.ResourceExhausted && e.Trailers.GetValue("seratio-outcome") is "PoolFull" or "AccountFull")
            {
                tracker.Retrying(tx.Hash);
                await Task.Delay(RetryPause, stop).ConfigureAwait(false);
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.FailedPrecondition or StatusCode.InvalidArgument or StatusCode.ResourceExhausted)
            {
                tracker.Refused(tx, e.Trailers.GetValue("seratio-outcome") is { Length: > 0 } outcome ? outcome : e.StatusCode.ToString());
                // An exchange slot the node refused (a limit the trader could not see): a transfer keeps the nonce.
                if (plan.Fallback(tx) is not { } transfer) return false;
                tx = transfer;
                tracker.Sending(tx);
            }
            catch (RpcException e) when (NodeRoutes.IsNodeGone(e) && !stop.IsCancellationRequested)
            {
                if (routes.MarkDown(node)) log.WriteLine($"node {routes.Urls[node]} stopped answering ({e.StatusCode}); its accounts move to the next node");
            }
        }
    }
}
