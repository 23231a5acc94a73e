using System.Globalization;
using System.Text.Json;
using Seratio.Bridges.Anvil;
using Seratio.Bridges.Relaying;
using Seratio.IntegrationTests.Cli;

namespace Seratio.IntegrationTests.Bridges;

/// <summary>
/// Issue 10, the relayer: ready checkpoints of a real devnet reach the anchor contracts on two real anvils through
/// <see cref="AnchorRelayer"/> — EIP-1559 type 2 on the Ethereum anvil, legacy type 0 with chain id 63 on the Ethereum
/// Classic one — and the relayer re-submits what <c>anvil_reorg</c> removed, resumes from its outbox after a restart
/// without sending twice, and shares a contract with another relayer without harm.
/// </summary>
[Collection(DevnetCollection.Name)]
public sealed class RelayerTests(RelayerFixture fixture) : IClassFixture<RelayerFixture>
{
    [Fact]
    public async Task ReadyCheckpoints_ReachBothAnvils_Type2OnEth_Type0WithChainId63OnEtc()
    {
        var ethBefore = await fixture.EthContract.LastHeightAsync();
        var etcBefore = await fixture.EtcContract.LastHeightAsync();
        var eth = fixture.Relayer(fixture.Options("eth", 0, "both-eth.json"));
        var etc = fixture.Relayer(fixture.Options("etc", 0, "both-etc.json"));
        using var stop = new CancellationTokenSource();
        var running = Task.WhenAll(eth.RunAsync(stop.Token), etc.RunAsync(stop.Token));
        try
        {
            foreach (var (relayer, node) in new[] { (eth, fixture.Ethereum), (etc, fixture.Classic) })
            {
                await fixture.WaitForAsync(async () =>
                {
                    await fixture.MineAsync(node);
                    return relayer.Entries.FirstOrDefault(e => e.State == OutboxState.Confirmed);
                }, $"confirmed checkpoint on {node.Chain.Name}");
            }
        }
        finally
        {
            await stop.CancelAsync();
            await running;
        }

        foreach (var (relayer, contract, before, node, type) in new[]
                 {
                     (eth, fixture.EthContract, ethBefore, fixture.Ethereum, 2),
                     (etc, fixture.EtcContract, etcBefore, fixture.Classic, 0),
                 })
        {
            var confirmed = relayer.Entries.First(e => e.State == OutboxState.Confirmed);
            Assert.True(confirmed.Height > before, $"{node.Chain.Name}: confirmed {confirmed.Height}, contract held {before} before");
            Assert.True(await contract.LastHeightAsync() >= confirmed.Height);
            var record = await fixture.CheckpointAsync(confirmed.Height);
            Assert.Equal(record.StateRoot.ToByteArray(), (await contract.CheckpointAtAsync(confirmed.Height)).StateRoot);

            var tx = await fixture.RpcAsync(node, "eth_getTransactionByHash", confirmed.TxHash);
            Assert.Equal("0x" + type.ToString(CultureInfo.InvariantCulture), tx.GetProperty("type").GetString());
            Assert.Equal("0x" + node.Chain.ChainId.ToString("x", CultureInfo.InvariantCulture), tx.GetProperty("chainId").GetString());
            Assert.Equal(relayer.Account.ToLowerInvariant(), tx.GetProperty("from").GetString());
            if (type == 0)
            {
                // EIP-155: v = chain id * 2 + 35 or 36.
                var v = ulong.Parse(tx.GetProperty("v").GetString()![2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                Assert.Contains(v, new[] { 63UL * 2 + 35, 63UL * 2 + 36 });
            }
            else
            {
                Assert.True(tx.TryGetProperty("maxFeePerGas", out _), tx.ToString());
            }
        }
    }

    [Fact]
    public async Task AReorgOnEtc_RemovingTheInclusion_IsNoticed_AndTheCheckpointIsAnchoredAgain()
    {
        var relayer = fixture.Relayer(fixture.Options("etc", 1, "reorg-etc.json"));
        // Step until a submission is included (anvil mines each transaction at once).
        var included = await fixture.WaitForAsync(async () =>
        {
            await relayer.StepAsync(CancellationToken.None);
            return relayer.Entries.FirstOrDefault(e => e.State == OutboxState.Included);
        }, "inclusion on the etc anvil");
        var height = included.Height;
        var firstTx = included.TxHash;
        var firstBlock = included.BlockHash;
        Assert.Equal(height, await fixture.EtcContract.LastHeightAsync());
        var head = ulong.Parse((await fixture.RpcAsync(fixture.Classic, "eth_blockNumber")).GetString()![2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        Assert.Equal(head, included.BlockNumber);

        // Replace the inclusion block by an empty one: the contract forgets the height.
        await fixture.RpcAsync(fixture.Classic, "anvil_reorg", 1, Array.Empty<object>());
        Assert.True(await fixture.EtcContract.LastHeightAsync() < height, "anvil_reorg left the checkpoint anchored");
        Assert.Equal(JsonValueKind.Null, (await fixture.RpcAsync(fixture.Classic, "eth_getTransactionReceipt", firstTx)).ValueKind);

        await relayer.StepAsync(CancellationToken.None);
        var again = relayer.Entries.Single(e => e.Height == height);
        // Signed again with the nonce the chain now reports; after a one-block reorg that is the same nonce, so the bytes
        // (RFC 6979 signatures, same fee) may equal the first ones: what counts is that they were sent again.
        Assert.Equal(2, again.Attempts);
        Assert.Equal(OutboxState.Submitted, again.State);
        var confirmed = await fixture.WaitForAsync(async () =>
        {
            await fixture.MineAsync(fixture.Classic);
            await relayer.StepAsync(CancellationToken.None);
            var entry = relayer.Entries.Single(e => e.Height == height);
            return entry.State == OutboxState.Confirmed ? entry : null;
        }, "confirmation of the re-submission");
        Assert.NotEqual(firstBlock, confirmed.BlockHash);
        Assert.True(await fixture.EtcContract.LastHeightAsync() >= height);
        Assert.Equal((await fixture.CheckpointAsync(height)).StateRoot.ToByteArray(), (await fixture.EtcContract.CheckpointAtAsync(height)).StateRoot);
    }

    [Fact]
    public async Task TheOutbox_SurvivesARestartOfTheRelayer_AndNothingIsSentTwice()
    {
        var options = fixture.Options("eth", 2, "restart-eth.json");
        var first = fixture.Relayer(options);
        var submitted = await fixture.WaitForAsync(async () =>
        {
            await first.StepAsync(CancellationToken.None);
            return first.Entries.FirstOrDefault(e => e.State is OutboxState.Submitted or OutboxState.Included);
        }, "a submission on the eth anvil");
        var nonceBefore = await NonceAsync(fixture.Ethereum, first.Account);

        // A new relayer object on the same file: it follows the entry it finds rather than sending it again.
        var second = fixture.Relayer(options);
        Assert.Equal(submitted.TxHash, second.Entries.Single(e => e.Height == submitted.Height).TxHash);
        var confirmed = await fixture.WaitForAsync(async () =>
        {
            await fixture.MineAsync(fixture.Ethereum);
            await second.StepAsync(CancellationToken.None);
            var entry = second.Entries.Single(e => e.Height == submitted.Height);
            return entry.State == OutboxState.Confirmed ? entry : null;
        }, "confirmation after the restart");
        Assert.Equal(submitted.TxHash, confirmed.TxHash);
        Assert.Equal(1, confirmed.Attempts);
        var sent = second.Entries.Sum(e => e.Attempts);
        // Every transaction of this account is one the outbox knows: none sent twice, none forgotten.
        Assert.Equal((ulong)sent, await NonceAsync(fixture.Ethereum, second.Account));
        Assert.True(nonceBefore <= (ulong)sent);
        foreach (var entry in second.Entries.Where(e => e.TxHash != ""))
        {
            var receipt = await fixture.RpcAsync(fixture.Ethereum, "eth_getTransactionReceipt", entry.TxHash);
            Assert.Equal("0x1", receipt.GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task ATransactionTheNodeLost_IsBroadcastAgainFromTheOutbox_WithTheSameBytes_ByTheNextRelayer()
    {
        var options = fixture.Options("eth", 1, "dropped-eth.json");
        await fixture.RpcAsync(fixture.Ethereum, "evm_setAutomine", false);
        try
        {
            var first = fixture.Relayer(options);
            var submitted = await fixture.WaitForAsync(async () =>
            {
                await first.StepAsync(CancellationToken.None);
                return first.Entries.FirstOrDefault(e => e.State == OutboxState.Submitted);
            }, "a pending submission on the eth anvil");
            // The node forgets it, as after a crash between writing the outbox and sending, or a pool eviction.
            await fixture.RpcAsync(fixture.Ethereum, "anvil_dropTransaction", submitted.TxHash);
            Assert.Equal(JsonValueKind.Null, (await fixture.RpcAsync(fixture.Ethereum, "eth_getTransactionByHash", submitted.TxHash)).ValueKind);
            await fixture.RpcAsync(fixture.Ethereum, "evm_setAutomine", true);

            var second = fixture.Relayer(options);
            var confirmed = await fixture.WaitForAsync(async () =>
            {
                await second.StepAsync(CancellationToken.None);
                await fixture.MineAsync(fixture.Ethereum);
                var entry = second.Entries.Single(e => e.Height == submitted.Height);
                return entry.State == OutboxState.Confirmed ? entry : null;
            }, "confirmation of the re-broadcast transaction");
            Assert.Equal(submitted.TxHash, confirmed.TxHash);
            Assert.Equal(1, confirmed.Attempts);
            Assert.Equal((ulong)second.Entries.Sum(e => e.Attempts), await NonceAsync(fixture.Ethereum, second.Account));
            Assert.True(await fixture.EthContract.LastHeightAsync() >= submitted.Height);
        }
        finally
        {
            await fixture.RpcAsync(fixture.Ethereum, "evm_setAutomine", true);
        }
    }

    [Fact]
    public async Task TwoRelayersAtOnce_BothEndDone_AndTheContractHoldsTheHeightOnce()
    {
        var a = fixture.Relayer(fixture.Options("eth", 3, "race-a.json"));
        var b = fixture.Relayer(fixture.Options("eth", 4, "race-b.json"));
        var before = await fixture.EthContract.LastHeightAsync();
        await fixture.WaitForAsync(async () =>
        {
            await Task.WhenAll(a.StepAsync(CancellationToken.None), b.StepAsync(CancellationToken.None));
            await fixture.MineAsync(fixture.Ethereum);
            bool done = a.Entries.Count > 0 && b.Entries.Count > 0 && a.Entries.All(e => e.IsDone) && b.Entries.All(e => e.IsDone);
            return done ? "done" : null;
        }, "both relayers done");

        var heights = a.Entries.Concat(b.Entries).Select(e => e.Height).Distinct().ToList();
        foreach (var height in heights)
        {
            int succeeded = 0;
            foreach (var entry in a.Entries.Concat(b.Entries).Where(e => e.Height == height && e.TxHash != ""))
            {
                var receipt = await fixture.RpcAsync(fixture.Ethereum, "eth_getTransactionReceipt", entry.TxHash);
                if (receipt.ValueKind != JsonValueKind.Null && receipt.GetProperty("status").GetString() == "0x1") succeeded++;
            }
            Assert.True(succeeded <= 1, $"height {height} anchored by {succeeded} transactions");
        }
        Assert.True(await fixture.EthContract.LastHeightAsync() > before);
        Assert.True(await fixture.EthContract.LastHeightAsync() >= heights.Max());
    }

    private async Task<ulong> NonceAsync(AnvilNode node, string account) =>
        ulong.Parse((await fixture.RpcAsync(node, "eth_getTransactionCount", account, "latest")).GetString()![2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
