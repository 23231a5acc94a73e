using Grpc.Core;
using Seratio.Core.Chain;
using Seratio.Core.Crypto;
using Seratio.Core.Numerics;
using Seratio.Core.State;
using Seratio.IntegrationTests.Consensus;
using Seratio.IntegrationTests.Infrastructure;
using Seratio.Protocol;
using Xunit.Abstractions;

namespace Seratio.IntegrationTests.Operations;

/// <summary>
/// Issue 9, "Bounded disk": real node processes with retention settings (docs/operations.md, "Retention"). A pruning
/// node proves what it keeps with proofs that verify against the block headers' roots, answers NotFound with its
/// window for what it pruned, keeps committing, and keeps its window across a kill -9; a validator refuses to prune
/// blocks; an observer prunes blocks and state while it follows the chain by block sync.
/// </summary>
public sealed class RetentionTests(ITestOutputHelper output)
{
    // Evidence is checked against the validator set of its height: a node keeps more heights than evidence may be old.
    private static readonly ChainParams ShortEvidence = new() { EvidenceMaxAgeHeights = 3 };

    [Fact]
    public async Task Validator_PruningState_ProvesKeptHeights_RefusesPrunedOnes_KeepsCommitting_AndKeepsItsWindowAfterKill9()
    {
        const int Keep = 5;
        await using var node = await NodeProcess.StartAsync(TestNetwork.Genesis(ShortEvidence), blockIntervalMs: 100, emptyBlockIntervalMs: 150,
            settings: new Dictionary<string, string> { ["Storage:KeepStates"] = $"{Keep}", ["Storage:PruneIntervalMs"] = "100" });
        using var sender = TestNetwork.Account(0);
        using var sink = SigningKey.ForTesting("it/retention-sink");
        ulong lastTransfer = 0;
        for (ulong nonce = 0; nonce < 3; nonce++)
        {
            var committed = await node.Client.SubmitTxAsync(new SubmitTxRequest
            {
                Tx = TxFactory.Transfer(sender, sink.Address, Ser.Whole(2)).WithNonce(nonce).SignedBytes(), Mode = SubmitMode.Commit,
            }, deadline: DateTime.UtcNow.AddSeconds(20));
            Assert.Equal(ResultCode.Ok, committed.Receipt.Code);
            lastTransfer = committed.Receipt.Height;
        }

        // The balance is proven at head - 1, which must hold all three transfers (a loaded machine commits them late).
        var status = await WaitForWindowAsync(node.Client, minHead: Math.Max(20, lastTransfer + 2), keep: Keep);
        output.WriteLine($"last transfer at {lastTransfer}, head {status.LatestHeight}, state kept from {status.EarliestStateHeight}, blocks from {status.EarliestBlockHeight}");
        Assert.Equal(1UL, status.EarliestBlockHeight); // a validator keeps every block
        await AssertProvesAsync(node.Client, node.Client, sink, status.LatestHeight - 1, Ser.Whole(6));
        await AssertStatePrunedAsync(node.Client, sink, 1, Keep);
        Assert.NotNull((await node.Client.GetBlockAsync(new GetBlockRequest { Height = 1 })).Block);

        node.Kill();
        await node.StartAsync();
        var restarted = await node.Client.GetStatusAsync(new GetStatusRequest());
        Assert.True(restarted.EarliestStateHeight >= status.EarliestStateHeight,
            $"after kill -9 the node keeps state from {restarted.EarliestStateHeight}, below the {status.EarliestStateHeight} it had pruned to");
        await AssertStatePrunedAsync(node.Client, sink, status.EarliestStateHeight - 1, Keep);
        var later = await WaitForWindowAsync(node.Client, minHead: restarted.LatestHeight + 5, keep: Keep); // still committing, still pruning
        await AssertProvesAsync(node.Client, node.Client, sink, later.LatestHeight - 1, Ser.Whole(6));
    }

    [Fact]
    public async Task Validator_WithBlockPruning_RefusesToStart_AndSaysWhy()
    {
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => NodeProcess.StartAsync(TestNetwork.Genesis(ShortEvidence),
            settings: new Dictionary<string, string> { ["Storage:KeepStates"] = "5", ["Storage:KeepBlocks"] = "10" }));
        Assert.Contains("exited with code 1", refused.Message);
        Assert.Contains("validators keep every block", refused.Message);
    }

    [Fact]
    public async Task Observer_PruningBlocksAndState_FollowsTheChain_ServesItsWindow_AndRefusesBelowIt()
    {
        const int KeepStates = 4, KeepBlocks = 6;
        await using var network = ValidatorNetwork.Start(1, g => g with { Params = ShortEvidence });
        var observer = network.AddOutsider(intruder: false);
        observer.Settings["Storage:KeepStates"] = $"{KeepStates}";
        observer.Settings["Storage:KeepBlocks"] = $"{KeepBlocks}";
        observer.Settings["Storage:PruneIntervalMs"] = "100";
        var validator = network.Nodes[0];
        await network.WaitForHeightAsync(2, TimeSpan.FromSeconds(60));
        using var sender = TestNetwork.Account(1);
        using var sink = SigningKey.ForTesting("it/retention-observer-sink");
        var committed = await validator.Client.SubmitTxAsync(new SubmitTxRequest
        {
            Tx = TxFactory.Transfer(sender, sink.Address, Ser.Whole(5)).SignedBytes(), Mode = SubmitMode.Commit,
        }, deadline: DateTime.UtcNow.AddSeconds(30));
        Assert.Equal(ResultCode.Ok, committed.Receipt.Code);

        observer.Start();
        await network.WaitForHeightAsync(committed.Receipt.Height + 15, TimeSpan.FromSeconds(90), [observer]);
        var status = await WaitForWindowAsync(observer.Client, minHead: 0, keep: KeepStates);
        output.WriteLine($"observer head {status.LatestHeight}, state kept from {status.EarliestStateHeight}, blocks from {status.EarliestBlockHeight}");
        Assert.True(status.EarliestBlockHeight + KeepBlocks + 3 >= status.LatestHeight + 1 && status.EarliestBlockHeight > 1,
            $"blocks kept from {status.EarliestBlockHeight} at head {status.LatestHeight} with Storage:KeepBlocks={KeepBlocks}");

        // Proofs from the observer verify against the validator's (archive) headers.
        await AssertProvesAsync(observer.Client, validator.Client, sink, status.LatestHeight - 1, Ser.Whole(5));
        await AssertStatePrunedAsync(observer.Client, sink, committed.Receipt.Height, KeepStates);
        var block = await Assert.ThrowsAsync<RpcException>(async () => await observer.Client.GetBlockAsync(new GetBlockRequest { Height = committed.Receipt.Height }));
        Assert.Equal(StatusCode.NotFound, block.StatusCode);
        Assert.StartsWith($"block {committed.Receipt.Height} was pruned; this node keeps blocks ", block.Status.Detail);
        Assert.Contains($"(Storage:KeepBlocks={KeepBlocks}); ask for a kept height or ask an archive node", block.Status.Detail);
        var tx = await Assert.ThrowsAsync<RpcException>(async () => await observer.Client.GetTxAsync(new GetTxRequest { Hash = committed.Receipt.TxHash }));
        Assert.Equal(StatusCode.NotFound, tx.StatusCode);
        Assert.NotNull((await observer.Client.GetBlockAsync(new GetBlockRequest { Height = status.LatestHeight })).Block);
        Assert.NotNull((await validator.Client.GetTxAsync(new GetTxRequest { Hash = committed.Receipt.TxHash })).Receipt);
        await network.WaitForHeightAsync(status.LatestHeight + 3, TimeSpan.FromSeconds(30), [observer]); // still following
    }

    /// <summary>Waits until the head is at least <paramref name="minHead"/> and the pruner has caught up with the window.</summary>
    private static async Task<NodeStatus> WaitForWindowAsync(NodeApi.NodeApiClient client, ulong minHead, int keep)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var status = await client.GetStatusAsync(new GetStatusRequest());
            // The pruner runs every 100 ms; a block or two may come in between.
            if (status.LatestHeight >= minHead && status.LatestHeight >= (ulong)keep + 2 && status.EarliestStateHeight + (ulong)keep + 3 > status.LatestHeight + 1)
            {
                Assert.True(status.EarliestStateHeight + (ulong)keep <= status.LatestHeight + 1,
                    $"state kept from {status.EarliestStateHeight} at head {status.LatestHeight}: more pruned than Storage:KeepStates={keep} allows");
                return status;
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"head {status.LatestHeight}, state kept from {status.EarliestStateHeight}: the pruner did not catch up");
            await Task.Delay(100);
        }
    }

    /// <summary>A proof of <paramref name="account"/> at <paramref name="height"/> from <paramref name="prover"/> verifies against the header root from <paramref name="headers"/>.</summary>
    private static async Task AssertProvesAsync(NodeApi.NodeApiClient prover, NodeApi.NodeApiClient headers, SigningKey account, ulong height, Amount balance)
    {
        var response = await prover.GetAccountAsync(new GetAccountRequest { Address = account.Address.ToString(), Height = height, Prove = true });
        var header = (await headers.GetBlockAsync(new GetBlockRequest { Height = height })).Block.Header;
        var root = new Hash32(header.StateRoot.Span);
        Assert.Equal(height, response.Height);
        Assert.Equal(root, new Hash32(response.StateRoot.Span));
        Assert.Equal(balance.ToString(), response.Balance);
        Assert.True(response.Proof.Exists);
        Assert.True(StateProofVerifier.Verify(root, response.Proof, out var reason), $"the proof at height {height} does not verify: {reason}");
    }

    private static async Task AssertStatePrunedAsync(NodeApi.NodeApiClient client, SigningKey account, ulong height, int keep)
    {
        var refused = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.GetAccountAsync(new GetAccountRequest { Address = account.Address.ToString(), Height = height, Prove = true }));
        Assert.Equal(StatusCode.NotFound, refused.StatusCode);
        Assert.StartsWith($"state at height {height} was pruned; this node keeps the state of heights ", refused.Status.Detail);
        Assert.Contains($"(Storage:KeepStates={keep}); ask for a kept height, 0 for the latest, or ask an archive node", refused.Status.Detail);
    }
}
