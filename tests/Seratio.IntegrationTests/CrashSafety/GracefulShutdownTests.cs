using System.Collections.Concurrent;
using Google.Protobuf;
using Grpc.Core;
using Seratio.Core.Addressing;
using Seratio.Core.Crypto;
using Seratio.IntegrationTests.Infrastructure;
using Seratio.Protocol;
using Xunit.Abstractions;

namespace Seratio.IntegrationTests.CrashSafety;

/// <summary>
/// SIGTERM reaches a real node process while clients submit transfers and read StreamBlocks and
/// StreamEvents, with the peer network and metrics on (so the mempool follower, the metrics follower,
/// mempool gossip and the dialler all run). The node must stop cleanly, its streams end as a client can
/// act on, nothing must reach the chain store after it closed, and a restart must hold every block and
/// transaction it reported committed. Loopback only; bounded in time.
/// </summary>
public sealed class GracefulShutdownTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Sigterm_UnderLoadWithOpenStreams_ExitsCleanly_AndRestartsWithEveryCommittedBlock()
    {
        using var bounded = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var node = await NodeProcess.StartAsync(blockIntervalMs: 50, settings: new Dictionary<string, string>
        {
            ["P2P:Listen"] = $"127.0.0.1:{TestPorts.Free()}",
            ["Metrics:Listen"] = $"127.0.0.1:{TestPorts.Free()}",
        });
        var committed = new ConcurrentDictionary<Hash32, Receipt>();
        var streamed = new ConcurrentDictionary<ulong, ByteString>();
        int events = 0;
        var senders = Enumerable.Range(0, 4).Select(i => Task.Run(() => SendLoopAsync(node, i, committed, bounded.Token))).ToArray();
        var blockStream = Task.Run(() => ReadBlocksAsync(node, streamed, bounded.Token));
        var eventStream = Task.Run(() => ReadEventsAsync(node, () => Interlocked.Increment(ref events), bounded.Token));

        while (committed.Count < 100 || Volatile.Read(ref events) == 0 || streamed.IsEmpty)
            await Task.Delay(50, bounded.Token);
        output.WriteLine($"SIGTERM with {committed.Count} transfers committed, {streamed.Count} blocks and {events} events streamed");

        var stopping = System.Diagnostics.Stopwatch.StartNew();
        await node.StopAsync(); // SIGTERM, then SIGKILL after 20 s
        var stopTime = stopping.Elapsed;
        var exitCode = node.ExitCode;
        await Task.WhenAll(senders);
        var (blocksEnd, eventsEnd) = (await blockStream, await eventStream);
        var log = node.Output;
        output.WriteLine($"exit code {exitCode} after {stopTime.TotalSeconds:F1} s; StreamBlocks ended {blocksEnd}; StreamEvents ended {eventsEnd}");
        output.WriteLine(log);

        Assert.Equal(0, exitCode);
        // Well inside the host's 15 s shutdown timeout: nothing (an open stream above all) held the server until the
        // timeout, which would leave the hosted services no time to stop before the host closes the store under them.
        Assert.True(stopTime < TimeSpan.FromSeconds(10), $"the node took {stopTime.TotalSeconds:F1} s to stop");
        var errors = log.Split('\n').Where(l => l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, "error lines while stopping: " + string.Join(" | ", errors));
        foreach (var bad in new[] { "points at missing block", "Unhandled exception", "ObjectDisposedException", "internal error" })
            Assert.DoesNotContain(bad, log, StringComparison.Ordinal);
        foreach (var end in new[] { blocksEnd, eventsEnd })
            Assert.True(end.StatusCode is StatusCode.Unavailable or StatusCode.OK, $"a stream ended with {end}");

        await node.StartAsync();
        var status = await node.Client.GetStatusAsync(new GetStatusRequest(), cancellationToken: bounded.Token);
        Assert.True(status.LatestHeight >= streamed.Keys.Max(), $"restarted at height {status.LatestHeight}, below the streamed {streamed.Keys.Max()}");
        foreach (var (height, hash) in streamed)
        {
            var block = await node.Client.GetBlockAsync(new GetBlockRequest { Height = height }, cancellationToken: bounded.Token);
            Assert.Equal(hash, block.BlockHash);
        }
        foreach (var (hash, receipt) in committed)
        {
            var stored = await node.Client.GetTxAsync(new GetTxRequest { Hash = hash.ToByteString() }, cancellationToken: bounded.Token);
            Assert.Equal(receipt, stored.Receipt);
        }
    }

    /// <summary>Transfers until the node has gone (or the test's time is up).</summary>
    private static async Task SendLoopAsync(NodeProcess node, int account, ConcurrentDictionary<Hash32, Receipt> committed, CancellationToken bounded)
    {
        using var from = TestNetwork.Account(account);
        Address to;
        using (var k = TestNetwork.Account(account + 4)) to = k.Address;
        while (node.IsRunning && !bounded.IsCancellationRequested)
        {
            try
            {
                var state = await node.Client.GetAccountAsync(new GetAccountRequest { Address = from.Address.ToString() }, cancellationToken: bounded);
                var tx = TxFactory.Transfer(from, to, 1 + state.Nonce).WithNonce(state.Nonce).SignedBytes();
                var response = await node.Client.SubmitTxAsync(new SubmitTxRequest { Tx = tx, Mode = SubmitMode.Commit },
                    deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: bounded);
                committed[Hash32.FromByteString(response.TxHash, "tx_hash")] = response.Receipt;
            }
            catch (RpcException)
            {
                // The node is stopping (Unavailable) or a nonce raced: try again while it runs.
            }
        }
    }

    private static async Task<Status> ReadBlocksAsync(NodeProcess node, ConcurrentDictionary<ulong, ByteString> streamed, CancellationToken bounded)
    {
        try
        {
            using var call = node.Client.StreamBlocks(new StreamBlocksRequest { FromHeight = 1 }, cancellationToken: bounded);
            await foreach (var block in call.ResponseStream.ReadAllAsync(bounded))
                streamed[block.Block.Header.Height] = block.BlockHash;
            return Status.DefaultSuccess;
        }
        catch (RpcException ex)
        {
            return ex.Status;
        }
    }

    private static async Task<Status> ReadEventsAsync(NodeProcess node, Action onEvent, CancellationToken bounded)
    {
        try
        {
            using var call = node.Client.StreamEvents(new StreamEventsRequest { FromHeight = 1 }, cancellationToken: bounded);
            await foreach (var _ in call.ResponseStream.ReadAllAsync(bounded)) onEvent();
            return Status.DefaultSuccess;
        }
        catch (RpcException ex)
        {
            return ex.Status;
        }
    }
}
