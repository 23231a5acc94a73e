using System.Buffers.Binary;
using Seratio.Core.Chain;
using Seratio.Core.Crypto;
using Seratio.Core.Transactions;
using Seratio.Node.Api;
using Seratio.Node.Mempool;
using Seratio.Protocol;
using Seratio.Vm.Modules.Exchange;

namespace Seratio.Node.Tests.Mempool;

/// <summary>
/// The pool enforces the exchange's per-account limits (docs/transactions.md, "Admission checks, in order") against its
/// pending transactions and the latest state's open-order counts, and a refused flooder does not stop others.
/// </summary>
public class TxPoolExchangeLimitTests
{
    private static readonly ChainParams Params = new() { Exchange = new ExchangeParams { MaxActionsPerBlock = 3, MaxOpenOrders = 2 } };
    private static readonly SigningKey Flooder = TestTx.Key("dex-flooder");

    private static byte[] Tx(ulong nonce, params Msg[] msgs)
    {
        var body = new TxBody { ChainId = FakeChain.TestChainId, Sender = Flooder.Address.ToByteString(), Nonce = nonce, GasLimit = 1_000_000 };
        body.Msgs.Add(msgs);
        return TxDecoder.Sign(body, Flooder);
    }

    private static Msg Sell(ulong market) => new() { PlaceOrder = new MsgPlaceOrder { MarketId = market, Side = OrderSide.Sell, Price = "10", Quantity = "10", TimeInForce = TimeInForce.Gtc } };
    private static Msg Cancel(ulong order) => new() { CancelOrder = new MsgCancelOrder { OrderId = order } };

    private static PoolFixture Fixture() => new(parameters: Params, funded: ["dex-flooder", "alice", "bob"]);

    [Fact]
    public void ATxCarryingMoreActionsThanABlockAllows_IsRefused_AsInvalidArgument()
    {
        var f = Fixture();
        var result = f.Pool.Admit(Tx(0, Cancel(1), Cancel(2), Cancel(3), Cancel(4)));
        Assert.Equal(AdmitOutcome.TooManyActions, result.Outcome);
        Assert.Equal(Grpc.Core.StatusCode.InvalidArgument, AdmitStatus.CodeOf(result.Outcome));
        Assert.Equal(0, f.Pool.Count);
    }

    [Fact]
    public void PendingActions_CountAgainstTheBlockLimit_UntilABlockTakesThem()
    {
        var f = Fixture();
        Assert.Equal(AdmitOutcome.Accepted, f.Pool.Admit(Tx(0, Cancel(1), Cancel(2))).Outcome);
        var limited = f.Pool.Admit(Tx(1, Cancel(3), Cancel(4)));
        Assert.Equal(AdmitOutcome.RateLimited, limited.Outcome);
        Assert.Contains("has 2 exchange actions pending and this transaction adds 2", limited.Reason);
        Assert.Equal(AdmitOutcome.Accepted, f.Pool.Admit(Tx(1, Cancel(3))).Outcome);

        // Others are served meanwhile.
        Assert.Equal(AdmitOutcome.Accepted, f.Admit(TestTx.From("alice")).Outcome);
        f.CommitReaped();
        Assert.Equal(AdmitOutcome.Accepted, f.Pool.Admit(Tx(2, Cancel(3), Cancel(4))).Outcome);
    }

    [Fact]
    public void OpenOrdersInState_PlusPendingPlacements_AreLimitedPerMarket()
    {
        var f = Fixture();
        var count = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(count, 1);
        f.Chain.SetState(ExchangeKeys.OpenCount(Flooder.Address, 7), count); // one order already open in market 7

        Assert.Equal(AdmitOutcome.Accepted, f.Pool.Admit(Tx(0, Sell(7))).Outcome);
        var refused = f.Pool.Admit(Tx(1, Sell(7)));
        Assert.Equal(AdmitOutcome.TooManyOpenOrders, refused.Outcome);
        Assert.Contains("has 1 open orders in market 7 and 1 pending placements there", refused.Reason);
        Assert.Equal(Grpc.Core.StatusCode.FailedPrecondition, AdmitStatus.CodeOf(refused.Outcome));
        Assert.Equal(AdmitOutcome.Accepted, f.Pool.Admit(Tx(1, Sell(8), Sell(8))).Outcome); // another market has room
    }
}
