using Google.Protobuf;
using Grpc.Core;
using Seratio.Node.Api;
using Seratio.Node.Mempool;
using Seratio.Node.Tests.Mempool;
using Seratio.Protocol;

namespace Seratio.Node.Tests.Api;

public class SubmitTxBatchTests
{
    private static SubmitTxBatchRequest Request(params byte[][] txs)
    {
        var request = new SubmitTxBatchRequest();
        foreach (var tx in txs) request.Txs.Add(ByteString.CopyFrom(tx));
        return request;
    }

    [Fact]
    public async Task SubmitTxBatch_OneSendersNoncesInOneBatch_AreAllAdmittedInOrder()
    {
        var f = new ApiFixture();
        var txs = Enumerable.Range(0, 5).Select(n => TestTx.From("alice").Nonce((ulong)n)).ToArray();
        var response = await f.Service.SubmitTxBatch(Request(txs.Select(t => t.Bytes()).ToArray()), f.Context);
        Assert.Equal(5, response.Results.Count);
        for (int i = 0; i < txs.Length; i++)
        {
            Assert.Equal((uint)StatusCode.OK, response.Results[i].Code);
            Assert.Equal("Accepted", response.Results[i].Outcome);
            Assert.Equal(txs[i].Hash().ToByteString(), response.Results[i].TxHash);
            Assert.Equal("", response.Results[i].Reason);
        }
        Assert.Equal(5, f.Pool.Count);
        Assert.Equal(5, f.Pool.Reap(100, 1 << 20).Count); // consecutive nonces: all proposable
    }

    [Fact]
    public async Task SubmitTxBatch_MixedBatch_GivesEachTransactionTheStatusSubmitTxWould()
    {
        var f = new ApiFixture();
        var good = TestTx.From("alice").Nonce(0);
        var response = await f.Service.SubmitTxBatch(Request(
            good.Bytes(),
            TestTx.From("bob").WithBrokenSignature(),
            good.Bytes(),                                   // the same again, behind the first
            TestTx.From("carol").Nonce(1_000).Bytes(),
            [0xFF, 0x01, 0x02],
            []), f.Context);
        var codes = response.Results.Select(r => (StatusCode)r.Code).ToArray();
        Assert.Equal([StatusCode.OK, StatusCode.InvalidArgument, StatusCode.AlreadyExists, StatusCode.FailedPrecondition,
            StatusCode.InvalidArgument, StatusCode.InvalidArgument], codes);
        Assert.Equal(["Accepted", "BadSignature", "AlreadyPending", "NonceGap", "Malformed", "Malformed"], response.Results.Select(r => r.Outcome));
        Assert.Contains("signature does not verify", response.Results[1].Reason);
        Assert.Contains("too far ahead", response.Results[3].Reason);
        Assert.True(response.Results[4].TxHash.IsEmpty);
        Assert.Contains("txs[5] is empty", response.Results[5].Reason);
        Assert.Equal(1, f.Pool.Count);
    }

    [Fact]
    public async Task SubmitTxBatch_WhenThePoolFillsMidBatch_RefusesTheRestAsPoolFull()
    {
        var f = new ApiFixture(new MempoolOptions { MaxTxs = 2 });
        var response = await f.Service.SubmitTxBatch(Request(
            TestTx.From("alice").Bytes(), TestTx.From("bob").Bytes(), TestTx.From("carol").Bytes()), f.Context);
        Assert.Equal([StatusCode.OK, StatusCode.OK, StatusCode.ResourceExhausted], response.Results.Select(r => (StatusCode)r.Code));
        Assert.Equal(nameof(AdmitOutcome.PoolFull), response.Results[2].Outcome);
    }

    [Fact]
    public async Task SubmitTxBatch_Empty_IsInvalidArgument()
    {
        var f = new ApiFixture();
        var ex = await Assert.ThrowsAsync<RpcException>(() => f.Service.SubmitTxBatch(new SubmitTxBatchRequest(), f.Context));
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains("txs is empty", ex.Status.Detail);
    }

    [Fact]
    public async Task SubmitTxBatch_AboveTheLimit_IsInvalidArgument()
    {
        var f = new ApiFixture();
        var request = new SubmitTxBatchRequest();
        for (int i = 0; i <= NodeApiService.MaxBatchTxs; i++) request.Txs.Add(ByteString.CopyFrom(0x01));
        var ex = await Assert.ThrowsAsync<RpcException>(() => f.Service.SubmitTxBatch(request, f.Context));
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains("at most 10000", ex.Status.Detail);
    }
}
