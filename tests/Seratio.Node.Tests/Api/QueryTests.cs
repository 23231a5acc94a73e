using Google.Protobuf;
using Grpc.Core;
using Seratio.Core.Crypto;
using Seratio.Node.Tests.Mempool;
using Seratio.Protocol;
using Seratio.Vm.Modules.Assets;

namespace Seratio.Node.Tests.Api;

public class QueryTests
{
    [Fact]
    public async Task GetStatus_ReportsChainHeadAndMempool()
    {
        var f = new ApiFixture();
        f.Pools.Admit(TestTx.From("alice"));
        f.Chain.Commit();
        var status = await f.Service.GetStatus(new GetStatusRequest(), f.Context);
        Assert.Equal(FakeChain.TestChainId, status.ChainId);
        Assert.Equal(1UL, status.LatestHeight);
        Assert.Equal(f.Chain.Head.BlockHash.ToByteString(), status.LatestBlockHash);
        Assert.Equal(1U, status.MempoolSize);
        Assert.Equal("", status.ValidatorAddress);
        Assert.Equal(f.Chain.GenesisHash.ToByteString(), status.GenesisHash);
    }

    [Fact]
    public async Task GetBlock_ByHeightHashAndLatest_ReturnsTheBlock()
    {
        var f = new ApiFixture();
        var first = f.Chain.Commit(TestTx.From("alice").Bytes());
        var second = f.Chain.Commit();
        Assert.Equal(first.Hash.ToByteString(), (await f.Service.GetBlock(new GetBlockRequest { Height = 1 }, f.Context)).BlockHash);
        Assert.Equal(first.Hash.ToByteString(), (await f.Service.GetBlock(new GetBlockRequest { Hash = first.Hash.ToByteString() }, f.Context)).BlockHash);
        var latest = await f.Service.GetBlock(new GetBlockRequest(), f.Context);
        Assert.Equal(second.Hash.ToByteString(), latest.BlockHash);
        Assert.Equal(2UL, latest.Commit.Height);
    }

    public static TheoryData<string, GetBlockRequest, StatusCode, string> BadBlockRequests => new()
    {
        { "short hash", new GetBlockRequest { Hash = ByteString.CopyFrom(new byte[31]) }, StatusCode.InvalidArgument, "hash must be 32 bytes, got 31" },
        { "unknown hash", new GetBlockRequest { Hash = ByteString.CopyFrom(new byte[32]) }, StatusCode.NotFound, "no block with hash" },
        { "above head", new GetBlockRequest { Height = 9 }, StatusCode.OutOfRange, "height 9 is above the latest height 1" },
    };

    [Theory]
    [MemberData(nameof(BadBlockRequests))]
    public async Task GetBlock_BadRequest_MapsToStatus(string _, GetBlockRequest request, StatusCode expected, string messagePart)
    {
        var f = new ApiFixture();
        f.Chain.Commit();
        var ex = await Assert.ThrowsAsync<RpcException>(() => f.Service.GetBlock(request, f.Context));
        Assert.Equal(expected, ex.StatusCode);
        Assert.Contains(messagePart, ex.Status.Detail);
    }

    [Fact]
    public async Task GetBlock_AtGenesis_IsNotFound()
    {
        var f = new ApiFixture();
        var ex = await Assert.ThrowsAsync<RpcException>(() => f.Service.GetBlock(new GetBlockRequest(), f.Context));
        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
    }

    [Fact]
    public async Task GetTx_Committed_ReturnsTxReceiptAndBlock()
    {
        var f = new ApiFixture();
        var tx = TestTx.From("alice");
        var block = f.Chain.Commit(tx.Bytes());
        var response = await f.Service.GetTx(new GetTxRequest { Hash = tx.Hash().ToByteString() }, f.Context);
        Assert.Equal(tx.Bytes(), response.Tx.ToByteArray());
        Assert.Equal(block.Hash.ToByteString(), response.BlockHash);
        Assert.Equal(1UL, response.Receipt.Height);
    }

    [Fact]
    public async Task GetTx_Pending_IsNotFoundSayingItIsPending()
    {
        var f = new ApiFixture();
        var tx = TestTx.From("alice");
        f.Pools.Admit(tx);
        var ex = await Assert.ThrowsAsync<RpcException>(() => f.Service.GetTx(new GetTxRequest { Hash = tx.Hash().ToByteString() }, f.Context));
        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
        Assert.Contains("pending in this node's mempool", ex.Status.Detail);
    }

    [Fact]
    public async Task GetTx_WithoutHash_IsInvalidArgumentNamingTheField()
    {
        var f = new ApiFixture();
        var ex = await Assert.ThrowsAsync<RpcException>(() => f.Service.GetTx(new GetTxRequest(), f.Context));
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Equal("hash is required: 32 bytes", ex.Status.Detail);
    }

    [Fact]
    public async Task GetAccount_AtLatestAndPastHeight_ReturnsBalanceNonceAndRoot()
    {
        var f = new ApiFixture();
        var alice = TestTx.Key("alice").Address;
        f.Chain.Commit(TestTx.From("alice").Amount(250).Bytes());
        var latest = await f.Service.GetAccount(new GetAccountRequest { Address = alice.ToString() }, f.Context);
        Assert.Equal((1_000_000 - 250).ToString(System.Globalization.CultureInfo.InvariantCulture), latest.Balance);
        Assert.Equal(1UL, latest.Nonce);
        Assert.Equal(1UL, latest.Height);
        Assert.Equal(f.Chain.StateRootAt(1)!.Value.ToByteString(), latest.StateRoot);
        Assert.Null(latest.Proof);

        var past = await f.Service.GetAccount(new GetAccountRequest { Address = alice.ToString(), Height = 0 + 0 }, f.Context);
        Assert.Equal(latest.Balance, past.Balance);
    }

    [Fact]
    public async Task GetAccount_WithProve_ReturnsProofOfTheAccountKey()
    {
        var f = new ApiFixture();
        var alice = TestTx.Key("alice").Address;
        var response = await f.Service.GetAccount(new GetAccountRequest { Address = alice.ToString(), Prove = true }, f.Context);
        Assert.True(response.Proof.Exists);
        Assert.Equal(AccountKeys.Account(alice).ToByteString(), response.Proof.Key);
    }

    [Theory]
    [InlineData("", StatusCode.InvalidArgument, "address is required")]
    [InlineData("ser1notanaddress", StatusCode.InvalidArgument, "address: ")]
    [InlineData("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", StatusCode.InvalidArgument, "address: ")]
    public async Task GetAccount_BadAddress_IsInvalidArgumentNamingTheField(string address, StatusCode expected, string messagePart)
    {
        var f = new ApiFixture();
        var ex = await Assert.ThrowsAsync<RpcException>(() => f.Service.GetAccount(new GetAccountRequest { Address = address }, f.Context));
        Assert.Equal(expected, ex.StatusCode);
        Assert.StartsWith(messagePart, ex.Status.Detail);
    }

    [Fact]
    public async Task GetAccount_AboveHead_IsOutOfRange()
    {
        var f = new ApiFixture();
        var request = new GetAccountRequest { Address = TestTx.Key("alice").Address.ToString(), Height = 5 };
        var ex = await Assert.ThrowsAsync<RpcException>(() => f.Service.GetAccount(request, f.Context));
        Assert.Equal(StatusCode.OutOfRange, ex.StatusCode);
        Assert.Contains("above the latest height 0", ex.Status.Detail);
    }

    [Fact]
    public async Task GetAccount_UnknownAddress_IsZeroBalanceNonceZero()
    {
        var f = new ApiFixture();
        var response = await f.Service.GetAccount(new GetAccountRequest { Address = TestTx.Key("nobody").Address.ToString() }, f.Context);
        Assert.Equal("0", response.Balance);
        Assert.Equal(0UL, response.Nonce);
        _ = Hash32.Zero;
    }
}
