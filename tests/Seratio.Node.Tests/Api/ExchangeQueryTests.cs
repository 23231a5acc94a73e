using Google.Protobuf;
using Grpc.Core;
using Seratio.Core.Chain;
using Seratio.Node.Api;
using Seratio.Core.Crypto;
using Seratio.Core.State;
using Seratio.Core.Transactions;
using Seratio.Protocol;
using Seratio.Vm.Execution;
using Seratio.Vm.Genesis;
using Seratio.Vm.Modules.Exchange;
using Seratio.Vm.State;

namespace Seratio.Node.Tests.Api;

/// <summary>
/// The exchange's queries (docs/api.md) against a fake chain whose state the real executor built: markets, orders with
/// proofs, an owner's orders newest first with the bounded scan, trades found by height, and every refusal.
/// </summary>
public class ExchangeQueryTests
{
    private static readonly SigningKey Authority = SigningKey.ForTesting("node-tests/dex-authority");
    private static readonly SigningKey Alice = SigningKey.ForTesting("node-tests/dex-alice");
    private static readonly SigningKey Bob = SigningKey.ForTesting("node-tests/dex-bob");
    private const int AliceSells = 1_060;

    private static readonly Lazy<Dictionary<Hash32, byte[]>> Built = new(Build);

    /// <summary>
    /// Markets 1 (SER/USDX) and 2 (SER/EURX), lot 1000 SER base units; Alice's <see cref="AliceSells"/> sells of SER in market 1 (orders 1..1060, prices
    /// 100 + i % 7), then Bob's 3 buys of SER for USDX in market 1 and 1 in market 2 (orders 1061..1064). Nothing crosses,
    /// so every order rests after its block's batch.
    /// </summary>
    private static Dictionary<Hash32, byte[]> Build()
    {
        var genesis = new Genesis
        {
            ChainId = Mempool.FakeChain.TestChainId,
            Authority = Authority.Address.ToString(),
            Params = new ChainParams { Exchange = new ExchangeParams { MaxOpenOrders = 10_000, MaxActionsPerBlock = 10_000 } },
            Validators = [new GenesisValidator { Name = "v", PublicKey = Convert.ToHexStringLower(Authority.PublicKey.ToArray()) }],
            Accounts =
            [
                new GenesisAccount { Address = Authority.Address.ToString(), Balance = "1000000000000" },
                new GenesisAccount { Address = Alice.Address.ToString(), Balance = "1000000000000" },
                new GenesisAccount { Address = Bob.Address.ToString(), Balance = "1000000000000" },
            ],
        };
        var state = GenesisState.Build(genesis).ToDictionary(c => c.Key, c => c.Value!);
        var nonces = new Dictionary<SigningKey, ulong>();
        ulong height = 0;

        void Block(params (SigningKey Key, Msg[] Msgs)[] txs)
        {
            height++;
            var signed = txs.Select(t => Sign(t.Key, nonces[t.Key] = nonces.GetValueOrDefault(t.Key, 0UL) + 1, t.Msgs)).ToList();
            var outcome = new BlockExecutor().Execute(new Reader(state), new BlockContext(Mempool.FakeChain.TestChainId, height, (long)height * 1000, Authority.Address, genesis.Params), signed);
            foreach (var r in outcome.Receipts) Assert.True(r.Code == ResultCode.Ok, r.Log);
            foreach (var change in outcome.Changes)
                if (change.Value is null) state.Remove(change.Key);
                else state[change.Key] = change.Value;
        }

        Block((Authority, [new Msg { GrantRole = new MsgGrantRole { Account = Authority.Address.ToByteString(), Role = Role.RewardingBody } }]));
        Block((Authority, [.. new[] { "USDX", "EURX" }.SelectMany(symbol => new[]
        {
            new Msg { CreateAsset = new MsgCreateAsset { Symbol = symbol, Name = symbol, Decimals = 2, MaxSupply = "1000000000000", MintAuthority = Authority.Address.ToByteString() } },
            new Msg { MintAsset = new MsgMintAsset { Symbol = symbol, To = Bob.Address.ToByteString(), Amount = "100000000" } },
            new Msg { CreateMarket = new MsgCreateMarket { Base = "SER", Quote = symbol, TickSize = "1", LotSize = "1000", MinOrderValue = "1", TakerFeeBps = 10 } },
        })]));
        for (int from = 0; from < AliceSells; from += 320)
            Block([.. Enumerable.Range(from, Math.Min(320, AliceSells - from)).Chunk(64)
                .Select(chunk => (Alice, chunk.Select(i => Place(1, OrderSide.Sell, 100 + i % 7, 10)).ToArray()))]);
        Block((Bob, [Place(1, OrderSide.Buy, 90, 5), Place(1, OrderSide.Buy, 95, 5), Place(1, OrderSide.Buy, 95, 7), Place(2, OrderSide.Buy, 50, 1)]));
        return state;
    }

    private static Msg Place(ulong market, OrderSide side, int price, int quantity) => new()
    {
        PlaceOrder = new MsgPlaceOrder { MarketId = market, Side = side, Price = price.ToString(System.Globalization.CultureInfo.InvariantCulture), Quantity = (quantity * 1000).ToString(System.Globalization.CultureInfo.InvariantCulture), TimeInForce = TimeInForce.Gtc },
    };

    private static SignedTx Sign(SigningKey key, ulong nonce, Msg[] msgs)
    {
        var body = new TxBody { ChainId = Mempool.FakeChain.TestChainId, Sender = key.Address.ToByteString(), Nonce = nonce - 1, GasLimit = 100_000_000 };
        body.Msgs.Add(msgs);
        Assert.Equal(TxFormatError.None, TxDecoder.TryDecode(TxDecoder.Sign(body, key), Mempool.FakeChain.TestChainId, TxDecoder.MaxTxBytes, out var tx, out var reason));
        return tx ?? throw new InvalidOperationException(reason);
    }

    /// <summary>A fixture whose height 1 holds the built state, plus <paramref name="extra"/> values.</summary>
    private static ApiFixture Fixture(Action<Dictionary<Hash32, byte[]>>? extra = null)
    {
        var f = new ApiFixture();
        var state = new Dictionary<Hash32, byte[]>(Built.Value);
        extra?.Invoke(state);
        foreach (var (key, value) in state) f.Chain.SetState(key, value);
        f.Chain.Commit();
        return f;
    }

    [Fact]
    public async Task GetMarket_AnswersTheMarket_WithAProofOfItsValue()
    {
        var f = Fixture();
        var r = await f.Service.GetMarket(new GetMarketRequest { Id = 1, Prove = true }, f.Context);
        Assert.Equal(("SER", "USDX", 10u), (r.Market.Base, r.Market.Quote, r.Market.TakerFeeBps));
        Assert.Equal(("95", "100"), (r.BestBid, r.BestAsk));
        Assert.Equal(1UL, r.Height);
        Assert.Equal(r.Market.ToByteString(), r.Proof.Value);
        Assert.Equal(ExchangeKeys.Market(1).ToByteString(), r.Proof.Key);

        var other = await f.Service.GetMarket(new GetMarketRequest { Id = 2 }, f.Context);
        Assert.Equal(("50", ""), (other.BestBid, other.BestAsk)); // an empty side is ""
        Assert.Null(other.Proof);
    }

    [Fact]
    public async Task ListMarkets_PagesInIdOrder()
    {
        var f = Fixture();
        var first = await f.Service.ListMarkets(new ListMarketsRequest { PageSize = 1 }, f.Context);
        Assert.Equal((1UL, 2UL), (first.Markets.Single().Id, first.Total));
        var second = await f.Service.ListMarkets(new ListMarketsRequest { PageSize = 1, PageToken = first.NextPageToken }, f.Context);
        Assert.Equal(2UL, second.Markets.Single().Id);
        Assert.Empty(second.NextPageToken);
    }

    [Fact]
    public async Task GetOrder_AnswersTheOrder_WithAProof()
    {
        var f = Fixture();
        var r = await f.Service.GetOrder(new GetOrderRequest { Id = AliceSells + 3, Prove = true }, f.Context);
        Assert.Equal((OrderSide.Buy, "95", "7000", OrderStatus.Open), (r.Order.Side, r.Order.Price, r.Order.Quantity, r.Order.Status));
        Assert.Equal(Bob.Address.ToByteString(), r.Order.Owner);
        Assert.Equal(r.Order.ToByteString(), r.Proof.Value);
    }

    [Fact]
    public async Task ListOrders_IsNewestFirst_PerMarketOrAll_AndPagesWithoutGaps()
    {
        var f = Fixture();
        var all = await f.Service.ListOrders(new ListOrdersRequest { Owner = Bob.Address.ToString() }, f.Context);
        Assert.Equal(new ulong[] { AliceSells + 4, AliceSells + 3, AliceSells + 2, AliceSells + 1 }, all.Orders.Select(o => o.Id));
        var one = await f.Service.ListOrders(new ListOrdersRequest { Owner = Bob.Address.ToString(), MarketId = 1 }, f.Context);
        Assert.Equal(new ulong[] { AliceSells + 3, AliceSells + 2, AliceSells + 1 }, one.Orders.Select(o => o.Id));

        var seen = new List<ulong>();
        var request = new ListOrdersRequest { Owner = Alice.Address.ToString(), PageSize = 100 };
        do
        {
            var page = await f.Service.ListOrders(request, f.Context);
            seen.AddRange(page.Orders.Select(o => o.Id));
            request.PageToken = page.NextPageToken;
        } while (request.PageToken.Length > 0);
        Assert.Equal(Enumerable.Range(1, AliceSells).Reverse().Select(i => (ulong)i), seen);
    }

    [Fact]
    public async Task ListOrders_WithAFilterNothingMatches_ReadsAtMostTheScanBound_AndGivesATokenToGoOn()
    {
        var f = Fixture();
        var request = new ListOrdersRequest { Owner = Alice.Address.ToString(), Status = OrderStatus.Filled };
        var first = await f.Service.ListOrders(request, f.Context);
        Assert.Empty(first.Orders);
        Assert.Equal($"1:{AliceSells - Seratio.Node.Api.Queries.ExchangeQueryService.MaxOrdersScanned}", first.NextPageToken);
        var last = await f.Service.ListOrders(new ListOrdersRequest(request) { PageToken = first.NextPageToken }, f.Context);
        Assert.Empty(last.Orders);
        Assert.Empty(last.NextPageToken);

        var open = await f.Service.ListOrders(new ListOrdersRequest(request) { Status = OrderStatus.Open, PageSize = 3 }, f.Context);
        Assert.Equal(new ulong[] { AliceSells, AliceSells - 1, AliceSells - 2 }, open.Orders.Select(o => o.Id));
    }

    [Fact]
    public async Task ListTrades_FindsTheFirstTradeOfAHeight_AndStopsAtTheLast()
    {
        // Trades of market 1 at heights 1,1,3,3,3,4,7 (sequence 1..7), written as the batch stores them.
        ulong[] heights = [1, 1, 3, 3, 3, 4, 7];
        var f = Fixture(state =>
        {
            var market = MarketState.Parser.ParseFrom(state[ExchangeKeys.Market(1)]);
            market.TradeCount = (ulong)heights.Length;
            state[ExchangeKeys.Market(1)] = market.ToByteArray();
            for (int i = 0; i < heights.Length; i++)
                state[ExchangeKeys.Trade(1, (ulong)i + 1)] = new TradeRecord { MarketId = 1, Sequence = (ulong)i + 1, Height = heights[i], Price = "100", Quantity = "1" }.ToByteArray();
        });
        for (int i = 0; i < 6; i++) f.Chain.Commit(); // head 7

        async Task<ulong[]> Sequences(ulong from, ulong to, uint size = 0)
        {
            var result = new List<ulong>();
            var request = new ListTradesRequest { MarketId = 1, FromHeight = from, ToHeight = to, PageSize = size };
            do
            {
                var page = await f.Service.ListTrades(request, f.Context);
                result.AddRange(page.Trades.Select(t => t.Sequence));
                request.PageToken = page.NextPageToken;
            } while (request.PageToken.Length > 0);
            return [.. result];
        }

        Assert.Equal(new ulong[] { 1, 2, 3, 4, 5, 6, 7 }, await Sequences(0, 0));
        Assert.Equal(new ulong[] { 3, 4, 5, 6 }, await Sequences(2, 4));
        Assert.Equal(new ulong[] { 3, 4, 5 }, await Sequences(3, 3, size: 2));
        Assert.Equal(new ulong[] { 7 }, await Sequences(5, 0));
        Assert.Empty(await Sequences(5, 6));
        Assert.Equal(new ulong[] { 6, 7 }, await Sequences(4, 7, size: 1));
    }

    [Fact]
    public async Task GetOrderBook_AggregatesLevels_BestFirst_ToTheAskedDepth()
    {
        var f = Fixture();
        var book = await f.Service.GetOrderBook(new GetOrderBookRequest { MarketId = 1, Depth = 3 }, f.Context);
        Assert.Equal(["95:12000:2", "90:5000:1"], book.Bids.Select(l => $"{l.Price}:{l.Quantity}:{l.Orders}"));
        // Alice's 1060 sells at 100 + i % 7: 152 orders at 100..102, 151 at 103..106, 10000 each.
        Assert.Equal(["100:1520000:152", "101:1520000:152", "102:1520000:152"], book.Asks.Select(l => $"{l.Price}:{l.Quantity}:{l.Orders}"));
        var full = await f.Service.GetOrderBook(new GetOrderBookRequest { MarketId = 1 }, f.Context);
        Assert.Equal(["100", "101", "102", "103", "104", "105", "106"], full.Asks.Select(l => l.Price));
        Assert.Equal("1510000", full.Asks[^1].Quantity);
    }

    public static TheoryData<string, Func<NodeApiService, ServerCallContext, Task>, StatusCode, string> Refusals() => new()
    {
        { "market id 0", (s, c) => s.GetMarket(new GetMarketRequest(), c), StatusCode.InvalidArgument, "id is required" },
        { "unknown market", (s, c) => s.GetMarket(new GetMarketRequest { Id = 9 }, c), StatusCode.NotFound, "no market 9 (id) at height 1 (markets are 1-2)" },
        { "height above head", (s, c) => s.GetMarket(new GetMarketRequest { Id = 1, Height = 5 }, c), StatusCode.OutOfRange, "above the latest height 1" },
        { "market page too large", (s, c) => s.ListMarkets(new ListMarketsRequest { PageSize = 101 }, c), StatusCode.InvalidArgument, "page_size 101 is above 100" },
        { "market page token", (s, c) => s.ListMarkets(new ListMarketsRequest { PageToken = "x" }, c), StatusCode.InvalidArgument, "page_token 'x' is not one this node gave" },
        { "book market 0", (s, c) => s.GetOrderBook(new GetOrderBookRequest(), c), StatusCode.InvalidArgument, "market_id is required" },
        { "book too deep", (s, c) => s.GetOrderBook(new GetOrderBookRequest { MarketId = 1, Depth = 501 }, c), StatusCode.InvalidArgument, "depth 501 is above 500" },
        { "book unknown market", (s, c) => s.GetOrderBook(new GetOrderBookRequest { MarketId = 3 }, c), StatusCode.NotFound, "no market 3 (market_id)" },
        { "order id 0", (s, c) => s.GetOrder(new GetOrderRequest(), c), StatusCode.InvalidArgument, "id is required" },
        { "unknown order", (s, c) => s.GetOrder(new GetOrderRequest { Id = 5_000 }, c), StatusCode.NotFound, $"no order 5000 at height 1 (the last is {AliceSells + 4})" },
        { "orders without owner", (s, c) => s.ListOrders(new ListOrdersRequest(), c), StatusCode.InvalidArgument, "owner is required" },
        { "orders bad owner", (s, c) => s.ListOrders(new ListOrdersRequest { Owner = "ser1nope" }, c), StatusCode.InvalidArgument, "owner:" },
        { "orders unknown status", (s, c) => s.ListOrders(new ListOrdersRequest { Owner = Bob.Address.ToString(), Status = (OrderStatus)9 }, c), StatusCode.InvalidArgument, "status 9 is not one" },
        { "orders unknown market", (s, c) => s.ListOrders(new ListOrdersRequest { Owner = Bob.Address.ToString(), MarketId = 7 }, c), StatusCode.NotFound, "no market 7 (market_id)" },
        { "orders page token", (s, c) => s.ListOrders(new ListOrdersRequest { Owner = Bob.Address.ToString(), PageToken = "12" }, c), StatusCode.InvalidArgument, "page_token '12'" },
        { "orders token past the list", (s, c) => s.ListOrders(new ListOrdersRequest { Owner = Bob.Address.ToString(), PageToken = "1:99" }, c), StatusCode.InvalidArgument, "page_token '1:99'" },
        { "orders token of another height", (s, c) => s.ListOrders(new ListOrdersRequest { Owner = Bob.Address.ToString(), PageToken = "1:2", Height = 2 }, c), StatusCode.InvalidArgument, "belongs to height 1, not 2" },
        { "orders page too large", (s, c) => s.ListOrders(new ListOrdersRequest { Owner = Bob.Address.ToString(), PageSize = 1000 }, c), StatusCode.InvalidArgument, "page_size 1000" },
        { "trades market 0", (s, c) => s.ListTrades(new ListTradesRequest(), c), StatusCode.InvalidArgument, "market_id is required" },
        { "trades range reversed", (s, c) => s.ListTrades(new ListTradesRequest { MarketId = 1, FromHeight = 5, ToHeight = 2 }, c), StatusCode.InvalidArgument, "to_height 2 is below from_height 5" },
        { "trades beyond head", (s, c) => s.ListTrades(new ListTradesRequest { MarketId = 1, ToHeight = 9 }, c), StatusCode.OutOfRange, "to_height 9 is above the latest height 1" },
        { "trades unknown market", (s, c) => s.ListTrades(new ListTradesRequest { MarketId = 4 }, c), StatusCode.NotFound, "no market 4" },
        { "trades page token", (s, c) => s.ListTrades(new ListTradesRequest { MarketId = 1, PageToken = "5" }, c), StatusCode.InvalidArgument, "page_token '5'" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task BadInput_GetsAPreciseStatus_NamingWhatToFix(string name, Func<NodeApiService, ServerCallContext, Task> call, StatusCode code, string message)
    {
        var f = Fixture();
        var error = await Assert.ThrowsAsync<RpcException>(() => call(f.Service, f.Context));
        Assert.True(code == error.StatusCode, $"{name}: {error.StatusCode} {error.Status.Detail}");
        Assert.Contains(message, error.Status.Detail);
    }

    private sealed class Reader(Dictionary<Hash32, byte[]> state) : IStateReader
    {
        public byte[]? Get(in Hash32 key) => state.TryGetValue(key, out var value) ? value : null;
    }
}
