using System.Collections.Concurrent;
using System.Diagnostics;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Seratio.Core.Crypto;
using Seratio.Protocol;

namespace Seratio.LoadGen;

/// <summary>
/// One measured run: pre-signs transfers, offers them at the chosen rate over several gRPC
/// channels, watches committed blocks on a stream and times each transaction from its
/// submission to the commit of its block.
/// </summary>
internal sealed class LoadRun(LoadGenOptions options, TextWriter log)
{
    private sealed record Pending(byte[] Bytes, Hash32 Hash);

    public async Task<LoadReport> RunAsync(CancellationToken ct)
    {
        log.WriteLine("measuring the Ed25519 verification bound of one core…");
        double perCore = VerificationBound.VerifiesPerSecondPerCore(TimeSpan.FromSeconds(2));
        int cores = Environment.ProcessorCount;

        var channels = Enumerable.Range(0, options.Channels)
            .Select(_ => GrpcChannel.ForAddress(options.Node, new GrpcChannelOptions { HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true } }))
            .ToArray();
        var clients = channels.Select(c => new NodeApi.NodeApiClient(c)).ToArray();
        var status = await clients[0].GetStatusAsync(new GetStatusRequest(), cancellationToken: ct);
        log.WriteLine($"node {options.Node}: chain {status.ChainId}, height {status.LatestHeight}");

        var senders = Enumerable.Range(0, options.Accounts).Select(i => SigningKey.ForTesting($"loadgen/{status.ChainId}/{status.LatestHeight}/{i}")).ToArray();
        var funders = options.Funders.Select(n => SigningKey.ForTesting("devnet/" + n)).ToArray();
        await new Funding(clients[0], status.ChainId, log).FundAsync(funders, senders, ct);

        int seconds = options.WarmupSeconds + options.DurationSeconds;
        long total = options.Rate > 0 ? (long)options.Rate * seconds : 25_000L * seconds;
        int perAccount = (int)Math.Max(1, (total + senders.Length - 1) / senders.Length);
        log.WriteLine($"signing {perAccount} transfers for each of {senders.Length} accounts…");
        var queues = SignAll(senders, perAccount, status.ChainId);

        var sentAt = new ConcurrentDictionary<Hash32, long>();
        var latencies = new ConcurrentBag<double>();
        long committedInWindow = 0, rejected = 0, submitted = 0;
        var clock = Stopwatch.StartNew();
        long windowStart = Stopwatch.Frequency * options.WarmupSeconds, windowEnd = Stopwatch.Frequency * seconds;
        long ticksAt(double s) => (long)(s * Stopwatch.Frequency);
        long origin = Stopwatch.GetTimestamp();

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var watcher = Task.Run(async () =>
        {
            var head = (await clients[0].GetStatusAsync(new GetStatusRequest(), cancellationToken: stop.Token)).LatestHeight;
            using var stream = clients[0].StreamBlocks(new StreamBlocksRequest { FromHeight = head + 1 }, cancellationToken: stop.Token);
            try
            {
                await foreach (var block in stream.ResponseStream.ReadAllAsync(stop.Token))
                {
                    long now = Stopwatch.GetTimestamp() - origin;
                    foreach (var tx in block.Block.Txs)
                    {
                        if (!sentAt.TryRemove(Transfers.HashOf(tx.Span), out var sent)) continue;
                        if (sent >= windowStart && sent < windowEnd)
                        {
                            latencies.Add((now - sent) * 1000.0 / Stopwatch.Frequency);
                        }
                        if (now >= windowStart && now < windowEnd) Interlocked.Increment(ref committedInWindow);
                    }
                }
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled) { }
            catch (OperationCanceledException) { }
        }, CancellationToken.None);

        // Each worker owns a slice of the accounts, so every account's nonces go out in order.
        var workers = Enumerable.Range(0, options.Concurrency).Select(w => Task.Run(async () =>
        {
            var client = clients[w % clients.Length];
            var mine = Enumerable.Range(0, senders.Length).Where(a => a % options.Concurrency == w).ToArray();
            if (mine.Length == 0) return;
            double perWorkerRate = options.Rate > 0 ? (double)options.Rate / Math.Min(options.Concurrency, senders.Length) : 0;
            long n = 0;
            for (int round = 0; round < perAccount; round++)
                foreach (var a in mine)
                {
                    long now = Stopwatch.GetTimestamp() - origin;
                    if (now >= windowEnd || stop.IsCancellationRequested) return;
                    if (perWorkerRate > 0)
                    {
                        long due = ticksAt(n / perWorkerRate);
                        if (due > now) await Task.Delay(TimeSpan.FromTicks((due - now) * TimeSpan.TicksPerSecond / Stopwatch.Frequency), stop.Token);
                    }
                    n++;
                    var tx = queues[a][round];
                    sentAt[tx.Hash] = Stopwatch.GetTimestamp() - origin;
                    try
                    {
                        await client.SubmitTxAsync(new SubmitTxRequest { Tx = ByteString.CopyFrom(tx.Bytes) }, cancellationToken: stop.Token);
                        Interlocked.Increment(ref submitted);
                    }
                    catch (RpcException e) when (e.StatusCode is StatusCode.ResourceExhausted or StatusCode.FailedPrecondition)
                    {
                        // A full pool or a nonce gap after a rejection: this account stops for the run.
                        sentAt.TryRemove(tx.Hash, out _);
                        Interlocked.Increment(ref rejected);
                        mine = mine.Where(x => x != a).ToArray();
                        break;
                    }
                }
        }, CancellationToken.None)).ToArray();

        await Task.WhenAll(workers);
        var remaining = windowEnd - (Stopwatch.GetTimestamp() - origin);
        if (remaining > 0) await Task.Delay(TimeSpan.FromSeconds((double)remaining / Stopwatch.Frequency), ct);
        // Give the last in-window submissions time to commit before latencies are read.
        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        stop.Cancel();
        await watcher;
        foreach (var c in channels) c.Dispose();

        var sorted = latencies.OrderBy(x => x).ToList();
        return new LoadReport(
            Node: options.Node,
            Validators: options.Validators,
            Cores: cores,
            VerifiesPerSecondPerCore: perCore,
            BoundTxPerSecond: perCore * cores / options.Validators,
            OfferedRate: options.Rate,
            Accounts: senders.Length,
            Concurrency: options.Concurrency,
            DurationSeconds: options.DurationSeconds,
            Submitted: submitted,
            Rejected: rejected,
            CommittedTxPerSecond: committedInWindow / (double)options.DurationSeconds,
            LatencyP50Ms: Percentiles.Of(sorted, 50),
            LatencyP95Ms: Percentiles.Of(sorted, 95),
            LatencyP99Ms: Percentiles.Of(sorted, 99),
            LatencySamples: sorted.Count);
    }

    private static Pending[][] SignAll(SigningKey[] senders, int perAccount, string chainId)
    {
        var queues = new Pending[senders.Length][];
        Parallel.For(0, senders.Length, a =>
        {
            var q = new Pending[perAccount];
            var to = senders[(a + 1) % senders.Length].Address;
            for (int i = 0; i < perAccount; i++)
            {
                var bytes = Transfers.Sign(chainId, senders[a], to, 1, (ulong)i);
                q[i] = new Pending(bytes, Transfers.HashOf(bytes));
            }
            queues[a] = q;
        });
        return queues;
    }
}
