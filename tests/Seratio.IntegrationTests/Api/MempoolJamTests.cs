using Seratio.Core.Chain;
using Seratio.Core.Crypto;
using Seratio.Core.Numerics;
using Seratio.IntegrationTests.Infrastructure;
using Seratio.Protocol;
using Xunit.Abstractions;

namespace Seratio.IntegrationTests.Api;

/// <summary>
/// Issue 9, item 3, at small scale against a real node: accounts that send nonces 1..N and never 0
/// fill the pool with parked transactions; an honest transfer must still commit within a few
/// blocks, and the parked ones must go once they are too old.
/// </summary>
public sealed class MempoolJamTests(ITestOutputHelper output)
{
    private const int Attackers = 50, GappedPerAttacker = 16, MaxTxs = 500, ParkedMaxAge = 10;

    [Fact]
    public async Task GappedNonceFlood_FillsThePool_YetAnHonestTransferCommits_AndTheParkedExpire()
    {
        var attackers = Enumerable.Range(0, Attackers).Select(i => SigningKey.ForTesting($"it/jam-attacker-{i}")).ToArray();
        try
        {
            var genesis = TestNetwork.Genesis();
            genesis = genesis with
            {
                Accounts = [.. genesis.Accounts, .. attackers.Select((k, i) =>
                    new GenesisAccount { Name = $"attacker-{i}", Address = k.Address.ToString(), Balance = Ser.Whole(1).ToString() })],
            };
            // The worst case for the pool: a parked budget as large as the pool itself, so eviction alone must make room.
            await using var node = await NodeProcess.StartAsync(genesis, blockIntervalMs: 100, emptyBlockIntervalMs: 200, settings: new Dictionary<string, string>
            {
                ["Mempool:MaxTxs"] = MaxTxs.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Mempool:MaxParked"] = MaxTxs.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Mempool:ParkedMaxAgeHeights"] = ParkedMaxAge.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
            using var sink = SigningKey.ForTesting("it/jam-sink");

            var attack = new SubmitTxBatchRequest();
            foreach (var key in attackers)
                for (ulong nonce = 1; nonce <= GappedPerAttacker; nonce++)
                    attack.Txs.Add(TxFactory.Transfer(key, sink.Address, 1).WithNonce(nonce).SignedBytes());
            // The batch is admitted over a block or two; no parked transaction is admitted before this height.
            var beforeAttack = await node.Client.GetStatusAsync(new GetStatusRequest());
            var attacked = await node.Client.SubmitTxBatchAsync(attack);

            Assert.Equal(MaxTxs, attacked.Results.Count(r => r.Code == 0));
            // The rest would wait for nonce 0 too, and pay no more than what is parked: nothing to evict for them.
            Assert.All(attacked.Results.Where(r => r.Code != 0), r => Assert.Equal("ParkedFull", r.Outcome));
            var jammed = await node.Client.GetStatusAsync(new GetStatusRequest());
            Assert.Equal((uint)MaxTxs, jammed.MempoolSize);

            using var honest = TestNetwork.Account(0);
            var transfer = TxFactory.Transfer(honest, sink.Address, Ser.Whole(3)) with { GasPrice = 1 };
            // Measured from its admission, not from before its submission: on a loaded machine the call itself can take
            // several 100 ms blocks (CI once saw 7), which says nothing about the flood starving it once it is in the pool.
            var admitted = await node.Client.SubmitTxAsync(new SubmitTxRequest { Tx = transfer.SignedBytes(), Mode = SubmitMode.Admit });
            var inPool = await node.Client.GetStatusAsync(new GetStatusRequest());
            var receipt = await CommittedAsync(node, admitted.TxHash, DateTime.UtcNow.AddSeconds(20));

            Assert.Equal(ResultCode.Ok, receipt.Code);
            output.WriteLine($"jammed at height {jammed.LatestHeight}; the honest transfer was in the pool at {inPool.LatestHeight} and committed at {receipt.Height}");
            Assert.InRange(receipt.Height, jammed.LatestHeight + 1, inPool.LatestHeight + 3);

            // The parked wait for nonce 0 for ever; ParkedMaxAge heights after admission they are gone.
            var deadline = DateTime.UtcNow.AddSeconds(30);
            NodeStatus status;
            while ((status = await node.Client.GetStatusAsync(new GetStatusRequest())).MempoolSize > 0 && DateTime.UtcNow < deadline)
                await Task.Delay(200);
            output.WriteLine($"pool empty at height {status.LatestHeight}");
            Assert.Equal(0u, status.MempoolSize);
            // Admitted at the pool's height, which may trail the status's by a block, and no earlier than just before the batch.
            Assert.True(status.LatestHeight + 1 >= beforeAttack.LatestHeight + ParkedMaxAge,
                $"the parked left at height {status.LatestHeight}, before they were {ParkedMaxAge} heights old (admitted from {beforeAttack.LatestHeight})");
        }
        finally
        {
            foreach (var key in attackers) key.Dispose();
        }
    }

    /// <summary>The receipt of <paramref name="hash"/> once a block holds it, asking every 50 ms until <paramref name="deadline"/>.</summary>
    private static async Task<Receipt> CommittedAsync(NodeProcess node, Google.Protobuf.ByteString hash, DateTime deadline)
    {
        while (true)
        {
            try
            {
                return (await node.Client.GetTxAsync(new GetTxRequest { Hash = hash })).Receipt;
            }
            catch (Grpc.Core.RpcException e) when (e.StatusCode == Grpc.Core.StatusCode.NotFound && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }
}
