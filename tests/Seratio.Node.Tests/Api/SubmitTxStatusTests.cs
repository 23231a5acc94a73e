using Google.Protobuf;
using Grpc.Core;
using Seratio.Core.Chain;
using Seratio.Node.Api;
using Seratio.Node.Mempool;
using Seratio.Node.Tests.Mempool;
using Seratio.Protocol;

namespace Seratio.Node.Tests.Api;

public class SubmitTxStatusTests
{
    private static byte[] Case(string name, ApiFixture f) => name switch
    {
        "malformed" => [0xFF, 0x01, 0x02],
        "truncated" => TestTx.From("alice").Bytes()[..^7],
        "bad-signature" => TestTx.From("alice").WithBrokenSignature(),
        "wrong-chain" => TestTx.From("alice").Chain("elsewhere").Bytes(),
        "amount-zero" => TestTx.From("alice").AmountText("0").Bytes(),
        "nonce-reused" => Setup(() => { Admit(f, TestTx.From("alice").Nonce(0)); f.Pools.CommitReaped(); }, TestTx.From("alice").Nonce(0).Amount(99)),
        "nonce-gap" => TestTx.From("alice").Nonce(1_000).Bytes(),
        "expired" => Setup(() => f.Pools.CommitReaped(), TestTx.From("bob").Expiry(1)),
        "insufficient-funds" => TestTx.From("alice").Amount(1_000_001).Bytes(),
        "fee-too-low" => TestTx.From("alice").GasLimit(10).Bytes(),
        "duplicate" => Setup(() => Admit(f, TestTx.From("alice")), TestTx.From("alice")),
        "pool-full" => Setup(() => { Admit(f, TestTx.From("alice")); Admit(f, TestTx.From("bob")); }, TestTx.From("carol")),
        "oversized" => TestTx.From("alice").Memo(new string('x', 70_000)).Bytes(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static byte[] Setup(Action setup, TestTx submitted)
    {
        setup();
        return submitted.Bytes();
    }

    private static void Admit(ApiFixture f, TestTx tx) => Assert.True(f.Pool.Admit(tx.Bytes()).IsAccepted);

    [Theory]
    [InlineData("malformed", StatusCode.InvalidArgument, "protobuf")]
    [InlineData("truncated", StatusCode.InvalidArgument, "protobuf")]
    [InlineData("bad-signature", StatusCode.InvalidArgument, "signature does not verify")]
    [InlineData("wrong-chain", StatusCode.InvalidArgument, "'elsewhere'")]
    [InlineData("amount-zero", StatusCode.InvalidArgument, "amount is 0")]
    [InlineData("nonce-reused", StatusCode.FailedPrecondition, "nonce 0 already used; next is 1")]
    [InlineData("nonce-gap", StatusCode.FailedPrecondition, "too far ahead")]
    [InlineData("expired", StatusCode.FailedPrecondition, "expired at height 1")]
    [InlineData("insufficient-funds", StatusCode.FailedPrecondition, "cannot cover")]
    [InlineData("fee-too-low", StatusCode.InvalidArgument, "gas_limit 10")]
    [InlineData("duplicate", StatusCode.AlreadyExists, "already pending")]
    [InlineData("pool-full", StatusCode.ResourceExhausted, "mempool is full")]
    [InlineData("oversized", StatusCode.ResourceExhausted, "the limit is")]
    public async Task SubmitTx_Refusal_MapsToStatus(string name, StatusCode expected, string messagePart)
    {
        var f = new ApiFixture(new MempoolOptions { MaxTxs = 2 });
        var bytes = Case(name, f);
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            f.Service.SubmitTx(new SubmitTxRequest { Tx = ByteString.CopyFrom(bytes) }, f.Context));
        Assert.Equal(expected, ex.StatusCode);
        Assert.Contains(messagePart, ex.Status.Detail);
    }

    [Theory]
    [InlineData(AdmitOutcome.Malformed, StatusCode.InvalidArgument)]
    [InlineData(AdmitOutcome.WrongChain, StatusCode.InvalidArgument)]
    [InlineData(AdmitOutcome.BadSignature, StatusCode.InvalidArgument)]
    [InlineData(AdmitOutcome.InvalidField, StatusCode.InvalidArgument)]
    [InlineData(AdmitOutcome.AlreadyPending, StatusCode.AlreadyExists)]
    [InlineData(AdmitOutcome.AlreadyCommitted, StatusCode.AlreadyExists)]
    [InlineData(AdmitOutcome.NonceTooLow, StatusCode.FailedPrecondition)]
    [InlineData(AdmitOutcome.NonceTaken, StatusCode.FailedPrecondition)]
    [InlineData(AdmitOutcome.NonceGap, StatusCode.FailedPrecondition)]
    [InlineData(AdmitOutcome.Expired, StatusCode.FailedPrecondition)]
    [InlineData(AdmitOutcome.FeeTooLow, StatusCode.FailedPrecondition)]
    [InlineData(AdmitOutcome.InsufficientFunds, StatusCode.FailedPrecondition)]
    [InlineData(AdmitOutcome.Oversized, StatusCode.ResourceExhausted)]
    [InlineData(AdmitOutcome.PoolFull, StatusCode.ResourceExhausted)]
    [InlineData(AdmitOutcome.AccountFull, StatusCode.ResourceExhausted)]
    [InlineData(AdmitOutcome.ParkedFull, StatusCode.ResourceExhausted)]
    [InlineData(AdmitOutcome.TooManyActions, StatusCode.InvalidArgument)]
    [InlineData(AdmitOutcome.RateLimited, StatusCode.ResourceExhausted)]
    [InlineData(AdmitOutcome.TooManyOpenOrders, StatusCode.FailedPrecondition)]
    [InlineData(AdmitOutcome.SignaturesMissing, StatusCode.PermissionDenied)]
    public void AdmitStatus_MapsEveryOutcome(AdmitOutcome outcome, StatusCode expected)
    {
        Assert.Equal(expected, AdmitStatus.CodeOf(outcome));
        var ex = AdmitStatus.ToException(AdmitResult.Reject(outcome, "why"));
        Assert.Equal(outcome.ToString(), ex.Trailers.GetValue(AdmitStatus.OutcomeTrailer));
    }

    [Fact]
    public void AdmitStatus_CoversEveryOutcome()
    {
        foreach (var outcome in Enum.GetValues<AdmitOutcome>())
            _ = AdmitStatus.CodeOf(outcome);
    }

    [Fact]
    public async Task SubmitTx_Empty_IsInvalidArgumentNamingTheField()
    {
        var f = new ApiFixture();
        var ex = await Assert.ThrowsAsync<RpcException>(() => f.Service.SubmitTx(new SubmitTxRequest(), f.Context));
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.StartsWith("tx is empty", ex.Status.Detail);
    }

    [Fact]
    public async Task SubmitTx_UnknownMode_IsInvalidArgument()
    {
        var f = new ApiFixture();
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            f.Service.SubmitTx(new SubmitTxRequest { Tx = TestTx.From("alice").ByteString(), Mode = (SubmitMode)7 }, f.Context));
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains("mode 7", ex.Status.Detail);
    }

    [Fact]
    public async Task SubmitTx_Admit_ReturnsHashAndPoolHoldsIt()
    {
        var f = new ApiFixture();
        var tx = TestTx.From("alice");
        var response = await f.Service.SubmitTx(new SubmitTxRequest { Tx = tx.ByteString() }, f.Context);
        Assert.Equal(tx.Hash().ToByteString(), response.TxHash);
        Assert.Null(response.Receipt);
        Assert.True(f.Pool.Contains(tx.Hash()));
    }
}
