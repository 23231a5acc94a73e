using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using Grpc.Net.Client;
using Seratio.Core.Crypto;
using Seratio.Protocol;

namespace Seratio.LoadGen;

/// <summary>
/// One measured run: pre-signs transfers, offers them at the chosen rate over several gRPC
/// channels (one SubmitTx per transfer, or SubmitTxBatch with <c>--batch</c>), watches committed
/// blocks on a stream and times each transaction from its submission to the commit of its block.
/// </summary>
internal sealed class LoadRun(LoadGenOptions options, TextWriter log)
{
    public async Task<LoadReport> RunAsync(CancellationToken ct)
    {
        log.WriteLine("measuring the Ed25519 verification bound of one core…");
        double perCore = VerificationBound.VerifiesPerSecondPerCore(TimeSpan.FromSeconds(2));
        int cores = Environment.ProcessorCount;

        var channels = Enumerable.Range(0, options.Channels)
            .Select(_ => GrpcChannel.ForAddress(options.Node, new GrpcChannelOptions
            {
                HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true },
                MaxSendMessageSize = 16 << 20,
                MaxReceiveMessageSize = 64 << 20,
            }))
            .ToArray();
        var clients = channels.Select(c => new NodeApi.NodeApiClient(c)).ToArray();
        var status = await clients[0].GetStatusAsync(new GetStatusRequest(), cancellationToken: ct);
        log.WriteLine($"node {options.Node}: chain {status.ChainId}, height {status.LatestHeight}");

        var senders = Enumerable.Range(0, options.Accounts).Select(i => SigningKey.ForTesting($"loadgen/{status.ChainId}/{status.LatestHeight}/{i}")).ToArray();
        var funders = options.Funders.Select(n => SigningKey.ForTesting("devnet/" + n)).ToArray();
        // Accounts that funded others in a later wave have used nonces already: their transfers start after them.
        var firstNonces = await new Funding(clients[0], status.ChainId, options.Batch, log).FundAsync(funders, senders, ct);

        int seconds = options.WarmupSeconds + options.DurationSeconds;
        long total = options.Rate > 0 ? (long)options.Rate * seconds : 40_000L * seconds;
        int perAccount = (int)Math.Max(1, (total + senders.Length - 1) / senders.Length);
        log.WriteLine($"signing {perAccount} transfers for each of {senders.Length} accounts…");
        CertificateMix.Target? certificates = null;
        if (options.Mix.HasCertificates)
        {
            using var authority = SigningKey.ForTesting("devnet/dev-0");
            certificates = await new CertificateMix(clients[0], status.ChainId, log).PrepareAsync(authority, senders, status.LatestHeight, ct);
            log.WriteLine($"mix: {options.Mix.CertificatePercent}% certificate issuances");
        }
        MicroshareMix? microshares = null;
        if (options.Mix.HasMicroshares)
        {
            using var authority = SigningKey.ForTesting("devnet/dev-0");
            microshares = await MicroshareMix.PrepareAsync(clients[0], status.ChainId, authority, senders, firstNonces, log, ct);
            log.WriteLine($"mix: {options.Mix.MicrosharePercent}% microshare sends");
        }
        var plan = LoadPlan.Sign(senders, firstNonces, perAccount, status.ChainId, options.Mix, certificates, microshares is null ? null : microshares.Sign);
        foreach (var key in senders.Concat(funders)) key.Dispose();

        var tracker = new CommitTracker(Stopwatch.Frequency * options.WarmupSeconds, Stopwatch.Frequency * seconds);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var head = (await clients[0].GetStatusAsync(new GetStatusRequest(), cancellationToken: ct)).LatestHeight;
        var watcher = tracker.WatchAsync(clients[0], head + 1, stop.Token);

        var senderLoop = options.Batch > 0
            ? new BatchSender(options, clients, plan, tracker).RunAsync(stop.Token)
            : new UnarySender(options, clients, plan, tracker).RunAsync(stop.Token);
        await senderLoop;
        var remaining = tracker.WindowEnd - tracker.Now;
        if (remaining > 0) await Task.Delay(TimeSpan.FromSeconds((double)remaining / Stopwatch.Frequency), ct);
        // Give the last in-window submissions time to commit before latencies are read.
        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        stop.Cancel();
        await watcher;
        foreach (var c in channels) c.Dispose();

        var sorted = tracker.Latencies.OrderBy(x => x).ToList();
        return new LoadReport(
            Node: options.Node,
            Validators: options.Validators,
            Cores: cores,
            VerifiesPerSecondPerCore: perCore,
            BoundTxPerSecond: perCore * cores / options.Validators,
            OfferedRate: options.Rate,
            Batch: options.Batch,
            Accounts: senders.Length,
            Concurrency: options.Concurrency,
            DurationSeconds: options.DurationSeconds,
            Submitted: tracker.Submitted,
            Rejected: tracker.Rejected,
            Retried: tracker.Retried,
            NotCommitted: tracker.PendingInWindow(),
            CommittedTxPerSecond: tracker.CommittedInWindow / (double)options.DurationSeconds,
            LatencyP50Ms: Percentiles.Of(sorted, 50),
            LatencyP95Ms: Percentiles.Of(sorted, 95),
            LatencyP99Ms: Percentiles.Of(sorted, 99),
            LatencySamples: sorted.Count);
    }
}

/// <summary>
/// Submission times and commits of the run's transactions: counts commits inside the measured
/// window and the latency of every transaction submitted inside it. Thread safe.
/// </summary>
internal sealed class CommitTracker(long windowStart, long windowEnd)
{
    private readonly ConcurrentDictionary<Hash32, long> _sentAt = new();
    private readonly long _origin = Stopwatch.GetTimestamp();
    private long _committedInWindow, _submitted, _rejected, _retried;

    public long WindowStart { get; } = windowStart;
    public long WindowEnd { get; } = windowEnd;
    public ConcurrentBag<double> Latencies { get; } = new();
    public long Now => Stopwatch.GetTimestamp() - _origin;
    public long CommittedInWindow => Interlocked.Read(ref _committedInWindow);
    public long Submitted => Interlocked.Read(ref _submitted);
    public long Rejected => Interlocked.Read(ref _rejected);
    public long Retried => Interlocked.Read(ref _retried);

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
                foreach (var tx in block.Block.Txs)
                {
                    if (!_sentAt.TryRemove(Transfers.HashOf(tx.Span), out var sent)) continue;
                    if (sent >= WindowStart && sent < WindowEnd) Latencies.Add((now - sent) * 1000.0 / Stopwatch.Frequency);
                    if (now >= WindowStart && now < WindowEnd) Interlocked.Increment(ref _committedInWindow);
                }
            }
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled) { }
        catch (OperationCanceledException) { }
    }
}
