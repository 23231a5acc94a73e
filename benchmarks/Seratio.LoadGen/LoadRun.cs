using System.Diagnostics;
using Seratio.Core.Crypto;
using Seratio.LoadGen.Orders;
using Seratio.Protocol;

namespace Seratio.LoadGen;

/// <summary>
/// One measured run: pre-signs transfers, offers them at the chosen rate over several gRPC
/// channels to one node or spread over several (one SubmitTx per transfer, or SubmitTxBatch with
/// <c>--batch</c>), watches committed blocks on the first node's stream and times each transaction
/// from its submission to the commit of its block; optionally kills one validator mid-window and
/// measures how the committed rate recovers. With <c>--mix orders=W</c> it lists a market first and reports
/// the exchange's committed placements, cancels and trades next to the transfers of the same run.
/// </summary>
internal sealed class LoadRun(LoadGenOptions options, TextWriter log)
{
    public async Task<LoadReport> RunAsync(CancellationToken ct)
    {
        log.WriteLine("measuring the Ed25519 verification bound of one core…");
        double perCore = VerificationBound.VerifiesPerSecondPerCore(TimeSpan.FromSeconds(2));
        int cores = Environment.ProcessorCount;

        using var routes = new NodeRoutes(options.Nodes, options.Channels);
        var status = await routes.Primary.GetStatusAsync(new GetStatusRequest(), cancellationToken: ct);
        log.WriteLine($"node {options.Node}: chain {status.ChainId}, height {status.LatestHeight}{(routes.Count > 1 ? $"; submitting to {routes.Count} nodes" : "")}");

        var senders = Enumerable.Range(0, options.Accounts).Select(i => SigningKey.ForTesting($"loadgen/{status.ChainId}/{status.LatestHeight}/{i}")).ToArray();
        var funders = options.Funders.Select(n => SigningKey.ForTesting("devnet/" + n)).ToArray();
        // Accounts that funded others in a later wave have used nonces already: their transfers start after them.
        var firstNonces = await new Funding(routes.Primary, status.ChainId, options.Batch, log).FundAsync(funders, senders, ct);
        // Every node must know the funding before accounts submit to it.
        var funded = (await routes.Primary.GetStatusAsync(new GetStatusRequest(), cancellationToken: ct)).LatestHeight;
        await routes.WaitForHeightAsync(funded, ct);

        int seconds = options.WarmupSeconds + options.DurationSeconds;
        // As fast as admitted: enough for 40,000 tx/s on one validator; each added validator verifies every transaction too.
        long total = options.Rate > 0 ? (long)options.Rate * seconds : 40_000L / options.Validators * seconds;
        int perAccount = (int)Math.Max(1, (total + senders.Length - 1) / senders.Length);
        log.WriteLine($"signing {perAccount} transfers for each of {senders.Length} accounts…");
        CertificateMix.Target? certificates = null;
        if (options.Mix.HasCertificates)
        {
            using var authority = SigningKey.ForTesting("devnet/dev-0");
            certificates = await new CertificateMix(routes.Primary, status.ChainId, log).PrepareAsync(authority, senders, status.LatestHeight, ct);
            log.WriteLine($"mix: {options.Mix.CertificatePercent}% certificate issuances");
        }
        MicroshareMix? microshares = null;
        if (options.Mix.HasMicroshares)
        {
            using var authority = SigningKey.ForTesting("devnet/dev-0");
            microshares = await MicroshareMix.PrepareAsync(routes.Primary, status.ChainId, authority, senders, firstNonces, log, ct);
            log.WriteLine($"mix: {options.Mix.MicrosharePercent}% microshare sends");
        }
        OrderMix? orders = null;
        using var ordersStop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var ordersWatch = Task.CompletedTask;
        if (options.Mix.HasOrders)
        {
            using var authority = SigningKey.ForTesting("devnet/dev-0");
            orders = await OrderMix.PrepareAsync(routes.Primary, status.ChainId, authority, senders, log, ct);
            var listed = (await routes.Primary.GetStatusAsync(new GetStatusRequest(), cancellationToken: ct)).LatestHeight;
            ordersWatch = orders.WatchAsync(routes.Primary, listed, ordersStop.Token);
            log.WriteLine($"mix: {options.Mix.OrderPercent}% exchange actions (placements, and cancels of the trader's own resting orders)");
        }
        var provenance = options.ProvenancePercent > 0
            ? await ProvenanceMix.PrepareAsync(routes.Primary, status.ChainId, senders, firstNonces, options.ProvenancePercent, log, ct)
            : null;
        if (provenance is not null || certificates is not null || microshares is not null || orders is not null) // every node must know what the mixes set up
            await routes.WaitForHeightAsync((await routes.Primary.GetStatusAsync(new GetStatusRequest(), cancellationToken: ct)).LatestHeight, ct);
        var mix = options.Mix;
        // Each transaction k of the offering order: a provenance append where that mix says so, else a certificate issuance
        // or a microshare send where the weighted mix says so, else an exchange action signed when it is sent (a live
        // slot) where the weighted mix says so, else a SER transfer.
        int accounts = senders.Length;
        var plan = LoadPlan.Sign(senders, firstNonces, perAccount, status.ChainId, (account, nonce, k) =>
                provenance?.Sign(account, nonce, k) is { } append ? (append, TxKind.Provenance)
                : certificates is not null && mix.IsCertificate(TxMix.SlotOf(k, accounts)) ? (CertificateMix.SignIssue(status.ChainId, senders[account], nonce, certificates), TxKind.Certificate)
                : microshares is not null && mix.IsMicroshare(TxMix.SlotOf(k, accounts)) ? (microshares.Sign(account, nonce), TxKind.Microshare)
                : null,
            orders is null ? null : k => mix.IsOrder(TxMix.SlotOf(k, accounts)),
            orders is null ? null : (account, nonce) => orders.SignLive(account, nonce, Stopwatch.GetTimestamp()),
            orders is null ? null : orders.SignTransfer);
        // The order mix signs while the run goes: its traders' keys live until the end.
        foreach (var key in orders is null ? senders.Concat(funders) : funders) key.Dispose();

        var tracker = new CommitTracker(Stopwatch.Frequency * options.WarmupSeconds, Stopwatch.Frequency * seconds);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var head = (await routes.Primary.GetStatusAsync(new GetStatusRequest(), cancellationToken: ct)).LatestHeight;
        var watcher = tracker.WatchAsync(routes.Primary, head + 1, stop.Token);
        int killSecond = options.WarmupSeconds + options.KillAfterSeconds;
        var killer = options.KillPid > 0 ? KillAsync(tracker, killSecond, stop.Token) : Task.CompletedTask;

        var senderLoop = options.Batch > 0
            ? new BatchSender(options, routes, plan, tracker, log).RunAsync(stop.Token)
            : new UnarySender(options, routes, plan, tracker, log).RunAsync(stop.Token);
        await senderLoop;
        var remaining = tracker.WindowEnd - tracker.Now;
        if (remaining > 0) await Task.Delay(TimeSpan.FromSeconds((double)remaining / Stopwatch.Frequency), ct);
        // Give the last in-window submissions time to commit before latencies are read.
        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        stop.Cancel();
        await watcher;
        await killer;
        ordersStop.Cancel();
        await ordersWatch;
        foreach (var key in orders is null ? [] : senders) key.Dispose();
        if (orders is not null) log.WriteLine("reading the receipts of the exchange actions committed in the window…");
        var exchange = orders is null ? null : await ExchangeTally.CountAsync(routes.Primary, orders, tracker, options.DurationSeconds, ct);

        var sorted = tracker.Latencies.OrderBy(x => x).ToList();
        return new LoadReport(
            Node: string.Join(',', options.Nodes),
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
            LatencySamples: sorted.Count,
            CommitsPerSecond: tracker.CommitsPerSecond().Skip(options.WarmupSeconds).Take(options.DurationSeconds).ToArray(),
            Recovery: options.KillPid > 0 ? Recovery.Measure(tracker.CommitsPerSecond(), options.WarmupSeconds, killSecond, seconds) : null,
            Refusals: tracker.Refusals,
            Exchange: exchange);
    }

    /// <summary>SIGKILLs --kill-pid at the start of second <paramref name="killSecond"/> of the run.</summary>
    private async Task KillAsync(CommitTracker tracker, int killSecond, CancellationToken stop)
    {
        var due = TimeSpan.FromSeconds((double)(Stopwatch.Frequency * killSecond - tracker.Now) / Stopwatch.Frequency);
        try
        {
            if (due > TimeSpan.Zero) await Task.Delay(due, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) { return; }
        using var process = Process.GetProcessById(options.KillPid);
        process.Kill();
        log.WriteLine($"killed pid {options.KillPid} at {(double)tracker.Now / Stopwatch.Frequency:F2} s into the run");
    }
}
