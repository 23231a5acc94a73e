using Grpc.Core;
using Seratio.Cli.Tests.Support;
using Seratio.Core.Crypto;
using Seratio.Core.Keys;
using Seratio.Core.Transactions;
using Seratio.Protocol;

namespace Seratio.Cli.Tests.Modules;

/// <summary>
/// <c>seratio dex</c>'s transaction commands against a scripted node: the exact message each signs, the order id a
/// placement prints from its receipt, a refusal's code and message, and usage errors (exit 2) before any key is opened.
/// </summary>
public sealed class ExchangeCommandTests : IAsyncLifetime
{
    private readonly TempDir _dir = new();
    private readonly SigningKey _trader = SigningKey.ForTesting("cli-tests/dex-trader");
    private FakeNode _node = null!;
    private string _keyFile = "";

    public async Task InitializeAsync()
    {
        _node = await FakeNode.StartAsync();
        _keyFile = _dir.File("trader.devnet-unsafe.key");
        UnsafeKeyFile.Write(_keyFile, _trader);
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        _trader.Dispose();
        _dir.Dispose();
    }

    private Task<CliRun> Dex(string commandLine, string from = "") =>
        new CliRunner().RunAsync([
            "dex", .. commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            "--from", from.Length > 0 ? from : _keyFile, "--keystore", _dir.File("no-keystore"), "--node", _node.Url]);

    private Msg Sent()
    {
        var request = Assert.Single(_node.State.Submitted);
        Assert.Equal(TxFormatError.None, TxDecoder.TryDecode(request.Tx.Memory, "seratio-test-1", TxDecoder.MaxTxBytes, out var tx, out var reason));
        Assert.True(tx is not null, reason);
        Assert.Equal(_trader.Address, tx!.Sender);
        return Assert.Single(tx.Body.Msgs);
    }

    [Fact]
    public async Task Place_LimitGth_SignsTheOrderAsWritten_AndPrintsTheOrderIdFromTheReceipt()
    {
        var placed = new Event { Type = "exchange.order_placed" };
        placed.Attributes.Add(new EventAttribute { Key = "market", Value = "3" });
        placed.Attributes.Add(new EventAttribute { Key = "order", Value = "17" });
        _node.State.CommitReceipt = new Receipt { Height = 42, Code = ResultCode.Ok, Fee = "0", Events = { placed } };

        var run = await Dex("place --market 3 --side sell --price 105 --quantity 20 --tif gth --expire-height 90 --lots 4,2 --wait");

        Assert.True(run.ExitCode == 0, run.ToString());
        var order = Sent().PlaceOrder;
        Assert.Equal(3UL, order.MarketId);
        Assert.Equal(OrderSide.Sell, order.Side);
        Assert.Equal("105", order.Price);
        Assert.Equal("20", order.Quantity);
        Assert.Equal(TimeInForce.Gth, order.TimeInForce);
        Assert.Equal(90UL, order.ExpireHeight);
        Assert.Equal(new ulong[] { 4, 2 }, order.LotIds);
        Assert.Contains(run.Out.Split('\n'), l => l.StartsWith("order:", StringComparison.Ordinal) && l.TrimEnd().EndsWith(" 17", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Place_MarketOrder_IsIocAtTheWorstPrice_AndJsonCarriesTheOrderId()
    {
        var placed = new Event { Type = "exchange.order_placed", Attributes = { new EventAttribute { Key = "order", Value = "5" } } };
        _node.State.CommitReceipt = new Receipt { Height = 42, Code = ResultCode.Ok, Fee = "0", Events = { placed } };

        var run = await Dex("place --market 1 --side buy --quantity 10 --market-order --worst-price 120 --wait --output json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var order = Sent().PlaceOrder;
        Assert.Equal(TimeInForce.Ioc, order.TimeInForce);
        Assert.Equal("120", order.Price);
        Assert.Equal("5", System.Text.Json.Nodes.JsonNode.Parse(run.Out)!["order_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Place_FailedReceipt_PrintsTheExchangeCodeByName_AndExitsOne()
    {
        _node.State.CommitReceipt = new Receipt { Height = 42, Code = ResultCode.OffTick, Log = "price 101 is not a multiple of the tick 5", Fee = "10" };

        var run = await Dex("place --market 1 --side buy --price 101 --quantity 10 --wait");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("OFF_TICK", run.Err);
        Assert.Contains("not a multiple of the tick 5", run.Err);
    }

    [Fact]
    public async Task Place_RefusedAtAdmission_PrintsTheStatusAndMessage_AndExitsOne()
    {
        _node.State.SubmitError = new Status(StatusCode.ResourceExhausted, "ser1... has 50 exchange actions pending and this transaction adds 1; wait for the next block and retry");

        var run = await Dex("place --market 1 --side buy --price 100 --quantity 10");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("exchange actions pending", run.Err);
        Assert.Contains("rate limited", run.Err);
    }

    [Fact]
    public async Task MarketCreate_SignsTheMarketAsWritten()
    {
        var run = await Dex("market-create --base ms:7 --quote SER --tick 5 --lot 10 --min-value 1000 --maker-bps 0 --taker-bps 30");

        Assert.True(run.ExitCode == 0, run.ToString());
        var market = Sent().CreateMarket;
        Assert.Equal(("ms:7", "SER", "5", "10", "1000", 0u, 30u),
            (market.Base, market.Quote, market.TickSize, market.LotSize, market.MinOrderValue, market.MakerFeeBps, market.TakerFeeBps));
    }

    [Fact]
    public async Task MarketHalt_AndResume_AndCancel_SignTheirMessages()
    {
        Assert.Equal(0, (await Dex("market-halt 2 --reason audit")).ExitCode);
        var halt = Sent().HaltMarket;
        Assert.Equal((2UL, true, "audit"), (halt.MarketId, halt.Halted, halt.Reason));

        _node.State.Submitted.Clear();
        Assert.Equal(0, (await Dex("market-halt 2 --resume")).ExitCode);
        Assert.False(Sent().HaltMarket.Halted);

        _node.State.Submitted.Clear();
        Assert.Equal(0, (await Dex("cancel 9")).ExitCode);
        Assert.Equal(9UL, Sent().CancelOrder.OrderId);
    }

    [Theory]
    [InlineData("place --market 1 --side up --price 1 --quantity 1", "--side 'up'")]
    [InlineData("place --market 0 --side buy --price 1 --quantity 1", "market ids start at 1")]
    [InlineData("place --market 1 --side buy --price 0 --quantity 1", "--price must be more than zero")]
    [InlineData("place --market 1 --side buy --price 1.5 --quantity 1", "--price")]
    [InlineData("place --market 1 --side buy --price 1 --quantity -3", "--quantity")]
    [InlineData("place --market 1 --side buy --quantity 1", "--price is required")]
    [InlineData("place --market 1 --side buy --price 1 --quantity 1 --tif forever", "--tif 'forever'")]
    [InlineData("place --market 1 --side buy --price 1 --quantity 1 --tif gth", "needs --expire-height")]
    [InlineData("place --market 1 --side buy --price 1 --quantity 1 --expire-height 9", "only with --tif gth")]
    [InlineData("place --market 1 --side buy --price 1 --quantity 1 --lots 1", "a buy takes none")]
    [InlineData("place --market 1 --side sell --price 1 --quantity 1 --lots 1,x", "'x' is not a lot id")]
    [InlineData("place --market 1 --side sell --price 1 --quantity 1 --lots 3,3", "names lot 3 twice")]
    [InlineData("place --market 1 --side buy --quantity 1 --market-order", "needs --worst-price")]
    [InlineData("place --market 1 --side buy --price 1 --quantity 1 --market-order --worst-price 2", "not --price")]
    [InlineData("place --market 1 --side buy --quantity 1 --market-order --worst-price 2 --tif fok", "leave out --tif fok")]
    [InlineData("place --market 1 --side buy --price 1 --quantity 1 --worst-price 2", "goes with --market-order")]
    [InlineData("market-create --base SER --quote SER --tick 1 --lot 1 --min-value 1 --taker-bps 1", "both SER")]
    [InlineData("market-create --base ms:1 --quote ms:2 --tick 1 --lot 1 --min-value 1 --taker-bps 1", "only be the base")]
    [InlineData("market-create --base ms:01 --quote SER --tick 1 --lot 1 --min-value 1 --taker-bps 1", "not a microshare class")]
    [InlineData("market-create --base ms:1 --quote ser --tick 1 --lot 1 --min-value 1 --taker-bps 1", "--quote 'ser'")]
    [InlineData("market-create --base ms:1 --quote SER --tick 1 --lot 1 --min-value 1 --taker-bps 0", "must be 1-1000")]
    [InlineData("market-create --base ms:1 --quote SER --tick 1 --lot 1 --min-value 1 --taker-bps 5 --maker-bps 1001", "above 1000")]
    [InlineData("market-create --base ms:1 --quote SER --tick 0 --lot 1 --min-value 1 --taker-bps 5", "--tick must be more than zero")]
    [InlineData("market-halt 1", "--reason is required")]
    [InlineData("cancel 0", "order ids start at 1")]
    public async Task BadValue_IsAUsageError_BeforeAnyKeyIsOpened(string commandLine, string message)
    {
        // A --from that names no key anywhere: had the command tried to open it, the error would say so instead.
        var run = await Dex(commandLine, from: _dir.File("no-such-key.devnet-unsafe.key"));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(message, run.Err);
        Assert.DoesNotContain("no-such-key", run.Err);
        Assert.Empty(_node.State.Submitted);
    }
}
