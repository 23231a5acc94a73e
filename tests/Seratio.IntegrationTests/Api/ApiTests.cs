using Grpc.Core;
using Seratio.Core.Crypto;
using Seratio.Core.Numerics;
using Seratio.Core.State;
using Seratio.IntegrationTests.Infrastructure;
using Seratio.Protocol;
using Seratio.Vm.Modules.Assets;
using Seratio.Vm.State;

namespace Seratio.IntegrationTests.Api;

/// <summary>The public API's happy paths against a real node process.</summary>
public sealed class ApiTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private NodeApi.NodeApiClient Client => fixture.Node.Client;

    [Fact]
    public async Task SubmitCommit_TransfersSer_AndEveryQueryAgrees()
    {
        using var from = TestNetwork.Account(0);
        using var to = SigningKey.ForTesting("it/fresh-recipient");
        var before = await Client.GetAccountAsync(new GetAccountRequest { Address = from.Address.ToString() });

        var tx = (TxFactory.Transfer(from, to.Address, Ser.Whole(12)) with { Memo = "rent, November" }).WithNonce(before.Nonce);
        var response = await Client.SubmitTxAsync(new SubmitTxRequest { Tx = tx.SignedBytes(), Mode = SubmitMode.Commit });

        Assert.Equal(ResultCode.Ok, response.Receipt.Code);
        var recipient = await Client.GetAccountAsync(new GetAccountRequest { Address = to.Address.ToString() });
        Assert.Equal(Ser.Whole(12).ToString(), recipient.Balance);
        var sender = await Client.GetAccountAsync(new GetAccountRequest { Address = from.Address.ToString() });
        Assert.Equal(before.Nonce + 1, sender.Nonce);
        Assert.Equal(Amount.Parse(before.Balance) - Ser.Whole(12), Amount.Parse(sender.Balance));

        var stored = await Client.GetTxAsync(new GetTxRequest { Hash = response.TxHash });
        Assert.Equal(response.Receipt, stored.Receipt);
        var transfer = Assert.Single(stored.Receipt.Events, e => e.Type == "transfer");
        Assert.Contains(transfer.Attributes, a => a.Value == "rent, November");

        var block = await Client.GetBlockAsync(new GetBlockRequest { Height = response.Receipt.Height });
        Assert.Contains(block.Block.Txs, t => t == stored.Tx);
        var byHash = await Client.GetBlockAsync(new GetBlockRequest { Hash = block.BlockHash });
        Assert.Equal(block.Block, byHash.Block);
    }

    [Fact]
    public async Task GetAccount_WithProof_VerifiesAgainstTheBlockRoot_AtPastHeightsToo()
    {
        using var from = TestNetwork.Account(1);
        using var to = TestNetwork.Account(2);
        var first = await Client.GetAccountAsync(new GetAccountRequest { Address = from.Address.ToString() });
        var sent = await Client.SubmitTxAsync(new SubmitTxRequest { Tx = TxFactory.Transfer(from, to.Address, 77).WithNonce(first.Nonce).SignedBytes(), Mode = SubmitMode.Commit });
        var height = sent.Receipt.Height;

        var before = await Client.GetAccountAsync(new GetAccountRequest { Address = from.Address.ToString(), Height = height - 1, Prove = true });
        var after = await Client.GetAccountAsync(new GetAccountRequest { Address = from.Address.ToString(), Height = height, Prove = true });
        Assert.Equal(Amount.Parse(before.Balance) - 77, Amount.Parse(after.Balance));

        foreach (var answer in new[] { before, after })
        {
            var header = (await Client.GetBlockAsync(new GetBlockRequest { Height = answer.Height })).Block.Header;
            var root = Hash32.FromByteString(answer.StateRoot, "state_root");
            Assert.Equal(Hash32.FromByteString(header.StateRoot, "header.state_root"), root);
            Assert.Equal(AccountKeys.Account(from.Address), Hash32.FromByteString(answer.Proof.Key, "proof.key"));
            Assert.True(StateProofVerifier.Verify(root, answer.Proof, out var reason), reason);
            var proven = AccountState.Parser.ParseFrom(answer.Proof.Value);
            Assert.Equal(answer.Balance, proven.Balance);
            Assert.Equal(answer.Nonce, proven.Nonce);
        }
        // A proof of the old value does not verify against the new root.
        Assert.False(StateProofVerifier.Verify(Hash32.FromByteString(after.StateRoot, "root"), before.Proof, out _));
    }

    [Fact]
    public async Task GetAccount_OfUnknownAddress_ProvesAbsence()
    {
        using var nobody = SigningKey.ForTesting("it/nobody");
        var answer = await Client.GetAccountAsync(new GetAccountRequest { Address = nobody.Address.ToString(), Prove = true });
        Assert.Equal("0", answer.Balance);
        Assert.False(answer.Proof.Exists);
        Assert.True(StateProofVerifier.Verify(Hash32.FromByteString(answer.StateRoot, "root"), answer.Proof, out var reason), reason);
    }

    [Fact]
    public async Task StreamBlocks_FromAPastHeight_ReplaysThenFollowsWithoutGaps()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var call = Client.StreamBlocks(new StreamBlocksRequest { FromHeight = 1 }, cancellationToken: cts.Token);
        var status = await Client.GetStatusAsync(new GetStatusRequest());
        ulong expected = 1;
        await foreach (var block in call.ResponseStream.ReadAllAsync(cts.Token))
        {
            Assert.Equal(expected, block.Block.Header.Height);
            if (expected >= status.LatestHeight + 2) break; // two live blocks past the replay
            expected++;
        }
        Assert.True(expected >= status.LatestHeight + 2);
    }

    [Fact]
    public async Task StreamEvents_FilteredByAddress_DeliversOnlyThatAccountsTransfers()
    {
        using var watched = SigningKey.ForTesting("it/watched");
        using var from = TestNetwork.Account(3);
        using var other = TestNetwork.Account(2);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var call = Client.StreamEvents(new StreamEventsRequest { Address = watched.Address.ToString(), Types_ = { "transfer" } }, cancellationToken: cts.Token);
        await Task.Delay(200); // let the subscription reach the node

        var state = await Client.GetAccountAsync(new GetAccountRequest { Address = from.Address.ToString() });
        await Client.SubmitTxAsync(new SubmitTxRequest { Tx = TxFactory.Transfer(from, other.Address, 3).WithNonce(state.Nonce).SignedBytes() });
        var sent = await Client.SubmitTxAsync(new SubmitTxRequest { Tx = TxFactory.Transfer(from, watched.Address, 4).WithNonce(state.Nonce + 1).SignedBytes(), Mode = SubmitMode.Commit });

        Assert.True(await call.ResponseStream.MoveNext(cts.Token));
        var envelope = call.ResponseStream.Current;
        Assert.Equal("transfer", envelope.Event.Type);
        Assert.Equal(sent.TxHash, envelope.TxHash);
        Assert.Contains(envelope.Event.Attributes, a => a.Value == watched.Address.ToString());
    }

    [Fact]
    public async Task Status_ReportsChainAndAdvancingHeight()
    {
        var first = await Client.GetStatusAsync(new GetStatusRequest());
        Assert.Equal(TestNetwork.ChainId, first.ChainId);
        Assert.Equal(32, first.GenesisHash.Length);
        using var validator = TestNetwork.Validator;
        Assert.Equal(validator.Address.ToString(), first.ValidatorAddress);
        // Empty blocks keep coming (every 2 s in the test configuration).
        var deadline = DateTime.UtcNow.AddSeconds(10);
        NodeStatus later;
        do { await Task.Delay(200); later = await Client.GetStatusAsync(new GetStatusRequest()); }
        while (later.LatestHeight == first.LatestHeight && DateTime.UtcNow < deadline);
        Assert.True(later.LatestHeight > first.LatestHeight);
    }
}
