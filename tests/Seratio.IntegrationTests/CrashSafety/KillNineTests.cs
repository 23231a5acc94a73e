using System.Collections.Concurrent;
using Grpc.Core;
using Seratio.Core.Addressing;
using Seratio.Core.Crypto;
using Seratio.Core.Numerics;
using Seratio.IntegrationTests.Infrastructure;
using Seratio.Protocol;
using Xunit.Abstractions;

namespace Seratio.IntegrationTests.CrashSafety;

/// <summary>
/// A real node process under a stream of transfers is killed with SIGKILL at random moments
/// and restarted, several times. Nothing reported committed may be lost or change.
/// </summary>
public sealed class KillNineTests(ITestOutputHelper output)
{
    [Fact]
    public async Task KilledRepeatedly_UnderLoad_LosesNoCommittedTransaction()
    {
        int seed = Environment.GetEnvironmentVariable("SERATIO_CRASH_SEED") is { } s ? int.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : Random.Shared.Next();
        output.WriteLine($"seed {seed} (replay with SERATIO_CRASH_SEED={seed})");
        var random = new Random(seed);
        await using var node = await NodeProcess.StartAsync(blockIntervalMs: 50);
        var committed = new ConcurrentDictionary<Hash32, Receipt>();
        using var stop = new CancellationTokenSource();
        var senders = Enumerable.Range(0, 4).Select(i => Task.Run(() => SendLoopAsync(node, i, committed, stop.Token))).ToArray();

        for (int crash = 0; crash < 4; crash++)
        {
            await Task.Delay(random.Next(300, 1500));
            node.Kill();
            output.WriteLine($"crash {crash}: killed with {committed.Count} transfers reported committed");
            await Task.Delay(random.Next(0, 300));
            await node.StartAsync();
        }
        await Task.Delay(500);
        stop.Cancel();
        await Task.WhenAll(senders);
        Assert.True(committed.Count > 20, $"only {committed.Count} transfers were committed; the load did not run");

        // Every transfer reported committed is there with the same receipt.
        foreach (var (hash, receipt) in committed)
        {
            var stored = await node.Client.GetTxAsync(new GetTxRequest { Hash = hash.ToByteString() });
            Assert.Equal(receipt, stored.Receipt);
        }

        // Heights are contiguous and linked, and re-executing the stored blocks gives their roots.
        var status = await node.Client.GetStatusAsync(new GetStatusRequest());
        var replay = new ChainReplay(TestNetwork.Genesis());
        var parent = Hash32.Zero;
        for (ulong h = 1; h <= status.LatestHeight; h++)
        {
            var block = await node.Client.GetBlockAsync(new GetBlockRequest { Height = h });
            Assert.Equal(h, block.Block.Header.Height);
            if (h > 1) Assert.Equal(parent, Hash32.FromByteString(block.Block.Header.ParentHash, "parent_hash"));
            parent = Hash32.FromByteString(block.BlockHash, "block_hash");
            var (receipts, root) = replay.Execute(block.Block);
            Assert.Equal(Hash32.FromByteString(block.Block.Header.StateRoot, "state_root"), root);
            foreach (var receipt in receipts)
            {
                var stored = await node.Client.GetTxAsync(new GetTxRequest { Hash = receipt.TxHash });
                Assert.Equal(receipt, stored.Receipt);
            }
        }

        // Balances (funded accounts and the proposer collecting fees) sum to the supply.
        var holders = Enumerable.Range(0, TestNetwork.FundedAccounts).Select(i => { using var k = TestNetwork.Account(i); return k.Address; }).ToList();
        using (var validator = TestNetwork.Validator) holders.Add(validator.Address);
        var sum = Amount.Zero;
        foreach (var address in holders)
        {
            var account = await node.Client.GetAccountAsync(new GetAccountRequest { Address = address.ToString() });
            sum += Amount.Parse(account.Balance);
        }
        Assert.Equal(TestNetwork.TotalSupply, sum);
    }

    private static async Task SendLoopAsync(NodeProcess node, int account, ConcurrentDictionary<Hash32, Receipt> committed, CancellationToken stop)
    {
        using var from = TestNetwork.Account(account);
        Address to;
        using (var k = TestNetwork.Account(account + 4)) to = k.Address;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var client = node.Client;
                var state = await client.GetAccountAsync(new GetAccountRequest { Address = from.Address.ToString() }, cancellationToken: stop);
                var tx = TxFactory.Transfer(from, to, 1 + state.Nonce).WithNonce(state.Nonce).SignedBytes();
                var response = await client.SubmitTxAsync(new SubmitTxRequest { Tx = tx, Mode = SubmitMode.Commit }, deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: stop);
                committed[Hash32.FromByteString(response.TxHash, "tx_hash")] = response.Receipt;
            }
            catch (RpcException) when (!stop.IsCancellationRequested)
            {
                await Task.Delay(50, CancellationToken.None); // the node is down or restarting
            }
            catch (RpcException) { }
            catch (OperationCanceledException) { }
            catch (ObjectDisposedException) { await Task.Delay(50, CancellationToken.None); }
        }
    }
}
