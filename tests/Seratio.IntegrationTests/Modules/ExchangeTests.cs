using Google.Protobuf;
using Grpc.Core;
using Seratio.Core.Crypto;
using Seratio.IntegrationTests.Infrastructure;
using Seratio.Protocol;
using static Seratio.IntegrationTests.Modules.ExchangeFixture;

namespace Seratio.IntegrationTests.Modules;

/// <summary>
/// The exchange on a real node process over gRPC: a SER/altcoin market trades in the block's batch and every query and
/// the event stream agree; every order type and refusal reaches the trader as its code; a flooding trader is refused
/// at the door while the node serves others; bad queries get precise statuses. Each test uses its own accounts.
/// </summary>
public sealed class ExchangeTests(ExchangeFixture fixture) : IClassFixture<ExchangeFixture>
{
    private NodeApi.NodeApiClient Client => fixture.Client;

    [Fact]
    public async Task SerAltcoinMarket_TradesInTheBatch_AndEveryQueryAndTheEventStreamAgree()
    {
        using var seller = TestNetwork.Account(1);
        using var buyer = TestNetwork.Account(2);
        ulong market = await fixture.CreateMarketAsync("SER");
        var head = (await Client.GetStatusAsync(new GetStatusRequest())).LatestHeight;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var stream = Client.StreamEvents(new StreamEventsRequest { FromHeight = head + 1, Types_ = { "exchange.trade" } }, cancellationToken: cts.Token);

        ulong sell = await fixture.PlaceAsync(seller, market, OrderSide.Sell, "5", "10000");
        ulong buy = await fixture.PlaceAsync(buyer, market, OrderSide.Buy, "6", "4000", TimeInForce.Ioc);

        // One price for the batch: 5 and 6 match 4000 alike; the lower wins the tie (docs/modules/exchange.md).
        Assert.True(await stream.ResponseStream.MoveNext(cts.Token));
        var trade = stream.ResponseStream.Current;
        Assert.True(trade.TxHash.IsEmpty);
        string Attr(string key) => trade.Event.Attributes.Single(a => a.Key == key).Value;
        Assert.Equal(("5", "4000", buy.ToString(), sell.ToString(), "20", "0"),
            (Attr("price"), Attr("quantity"), Attr("buy_order"), Attr("sell_order"), Attr("buyer_fee"), Attr("seller_fee")));

        var buyOrder = await fixture.OrderAsync(buy);
        Assert.Equal((OrderStatus.Filled, "4000", "20000", "20", "0"), (buyOrder.Status, buyOrder.Filled, buyOrder.PaidQuote, buyOrder.Fees, buyOrder.Locked));
        var sellOrder = await fixture.OrderAsync(sell);
        Assert.Equal((OrderStatus.Open, "4000"), (sellOrder.Status, sellOrder.Filled));

        var book = await Client.GetOrderBookAsync(new GetOrderBookRequest { MarketId = market });
        Assert.Equal(["5:6000:1"], book.Asks.Select(l => $"{l.Price}:{l.Quantity}:{l.Orders}"));
        Assert.Empty(book.Bids);
        var info = await Client.GetMarketAsync(new GetMarketRequest { Id = market, Prove = true });
        Assert.Equal(("5", "5", "", 1UL), (info.Market.LastPrice, info.BestAsk, info.BestBid, info.Market.TradeCount));
        Assert.Equal(info.Market.ToByteString(), info.Proof.Value);
        var trades = await Client.ListTradesAsync(new ListTradesRequest { MarketId = market, FromHeight = trade.Height, ToHeight = trade.Height });
        var record = Assert.Single(trades.Trades);
        Assert.Equal((buyer.Address.ToByteString(), seller.Address.ToByteString(), true, false), (record.Buyer, record.Seller, record.SellerMaker, record.BuyerMaker));
        var mine = await Client.ListOrdersAsync(new ListOrdersRequest { Owner = buyer.Address.ToString(), MarketId = market, Status = OrderStatus.Filled });
        Assert.Equal(buy, Assert.Single(mine.Orders).Id);
    }

    [Fact]
    public async Task MicroshareMarket_TradesLots_AndTheBuyerHoldsTheSameLotWithItsCertificateAndMint()
    {
        using var authority = TestNetwork.Account(0);
        using var owner = TestNetwork.Account(1);
        using var buyer = TestNetwork.Account(2);
        var setUp = await fixture.CommitAsync(authority,
            new Msg { RegisterMethod = CertificatesTests.Method("dex-sroi") },
            new Msg { GrantRole = new MsgGrantRole { Account = authority.Address.ToByteString(), Role = Role.Issuer } });
        Assert.True(setUp.Code == ResultCode.Ok, setUp.Log);
        var register = new MsgRegisterEntity { Kind = EntityKind.Project, Name = "Exchange wetlands" };
        register.Controllers.Add(owner.Address.ToByteString());
        ulong subject = CertificatesTests.IdOf(await fixture.CommitAsync(owner, new Msg { RegisterEntity = register }), "entity_registered");
        ulong certificate = CertificatesTests.IdOf(await fixture.CommitAsync(authority,
            CertificatesTests.Issue(subject, "dex-sroi", "250", "100", DateTimeOffset.UtcNow.AddDays(30).ToUnixTimeMilliseconds())), "certificate_issued");
        var created = await fixture.CommitAsync(authority, new Msg
        {
            CreateMicroshareClass = new MsgCreateMicroshareClass { Symbol = "DEXMS", Name = "Exchange shares", CertificateIds = { certificate }, Rule = new MintRule { Kind = MintRuleKind.Fixed, Numerator = 1, Denominator = 1 } },
        });
        Assert.True(created.Code == ResultCode.Ok, created.Log);
        ulong classId = ulong.Parse(Attribute(created, "microshare_class_created", "class"));
        var minted = await fixture.CommitAsync(owner, new Msg { MintMicroshares = new MsgMintMicroshares { ClassId = classId, CertificateId = certificate, OriginAsset = "SER", OriginAmount = "1000" } });
        Assert.True(minted.Code == ResultCode.Ok, minted.Log);
        ulong lot = ulong.Parse(Attribute(minted, "microshares_minted", "lot"));

        ulong market = await fixture.CreateMarketAsync($"ms:{classId}", tick: "1", lot: "100");
        ulong sell = await fixture.PlaceAsync(owner, market, OrderSide.Sell, "3", "400");
        Assert.Equal([$"{lot}:400"], (await fixture.OrderAsync(sell)).Lots.Select(l => $"{l.LotId}:{l.Units}"));
        var ownerHolding = await Client.GetMicroshareHoldingsAsync(new GetMicroshareHoldingsRequest { Address = owner.Address.ToString(), ClassId = classId });
        Assert.Equal("600", ownerHolding.TotalUnits); // the offered units are locked in the order, not in a holding

        ulong buy = await fixture.PlaceAsync(buyer, market, OrderSide.Buy, "3", "300");
        Assert.Equal(OrderStatus.Filled, (await WaitClosed(buy)).Status);
        var trade = Assert.Single((await Client.ListTradesAsync(new ListTradesRequest { MarketId = market })).Trades);
        Assert.Equal(("3", "300", $"{lot}:300"), (trade.Price, trade.Quantity, string.Join(",", trade.Lots.Select(l => $"{l.LotId}:{l.Units}"))));

        var held = Assert.Single((await Client.GetMicroshareHoldingsAsync(new GetMicroshareHoldingsRequest { Address = buyer.Address.ToString(), ClassId = classId })).Lots);
        Assert.Equal((lot, "300", certificate, "SER", "1000"), (held.LotId, held.Units, held.Flags.CertificateId, held.Flags.OriginAsset, held.Flags.OriginAmount));
        Assert.Equal(owner.Address.ToByteString(), held.Flags.Minter);
        var lineage = await Client.GetLotLineageAsync(new GetLotLineageRequest { LotId = lot });
        Assert.Equal((minted.TxHash, certificate), (lineage.MintTxHash, lineage.Certificate.Id));
    }

    [Fact]
    public async Task EveryOrderTypeAndRefusal_ReachesTheTraderAsItsCode()
    {
        using var alice = TestNetwork.Account(3);
        using var bob = TestNetwork.Account(4);
        using var authority = TestNetwork.Account(0);
        ulong market = await fixture.CreateMarketAsync("SER", tick: "5", lot: "1000", minValue: "10000");

        async Task Refused(SigningKey from, Msg msg, ResultCode code, string logPart)
        {
            var receipt = await fixture.CommitAsync(from, msg);
            Assert.True(receipt.Code == code, $"expected {code}, got {receipt.Code}: {receipt.Log}");
            Assert.Contains(logPart, receipt.Log);
        }

        ulong height = (await Client.GetStatusAsync(new GetStatusRequest())).LatestHeight;
        await Refused(alice, Place(market, OrderSide.Sell, "7", "2000"), ResultCode.OffTick, "7");
        await Refused(alice, Place(market, OrderSide.Sell, "10", "1500"), ResultCode.OffLot, "1500");
        await Refused(alice, Place(market, OrderSide.Sell, "5", "1000"), ResultCode.BelowMinOrderValue, "10000");
        await Refused(alice, Place(market, OrderSide.Sell, "10", "2000", TimeInForce.Gth, height + 5_000), ResultCode.BadLifetime, "1000");
        await Refused(alice, new Msg { CancelOrder = new MsgCancelOrder { OrderId = 9_999_999 } }, ResultCode.NotFound, "9999999");

        ulong resting = await fixture.PlaceAsync(alice, market, OrderSide.Sell, "10", "2000");
        await Refused(bob, new Msg { CancelOrder = new MsgCancelOrder { OrderId = resting } }, ResultCode.NotOrderOwner, resting.ToString());

        ulong postOnly = await fixture.PlaceAsync(bob, market, OrderSide.Buy, "10", "1000", TimeInForce.PostOnly);
        Assert.Equal((OrderStatus.Cancelled, CancelReason.PostOnlyWouldTake), await Closed(postOnly));
        ulong fok = await fixture.PlaceAsync(bob, market, OrderSide.Buy, "10", "5000", TimeInForce.Fok);
        Assert.Equal((OrderStatus.Cancelled, CancelReason.FokUnfilled), await Closed(fok));
        Assert.Equal("0", (await fixture.OrderAsync(fok)).Locked);

        // Alice's own IOC buy crosses her resting sell: the older order is cancelled, nothing trades with itself.
        ulong selfIoc = await fixture.PlaceAsync(alice, market, OrderSide.Buy, "10", "1000", TimeInForce.Ioc);
        Assert.Equal((OrderStatus.Cancelled, CancelReason.SelfTrade), await Closed(resting));
        Assert.Equal(OrderStatus.Cancelled, (await fixture.OrderAsync(selfIoc)).Status);
        await Refused(alice, new Msg { CancelOrder = new MsgCancelOrder { OrderId = resting } }, ResultCode.OrderClosed, resting.ToString());

        height = (await Client.GetStatusAsync(new GetStatusRequest())).LatestHeight;
        ulong gth = await fixture.PlaceAsync(alice, market, OrderSide.Sell, "50", "1000", TimeInForce.Gth, height + 2);
        Assert.Equal(OrderStatus.Expired, (await WaitClosed(gth)).Status);

        ulong bid = await fixture.PlaceAsync(bob, market, OrderSide.Buy, "5", "2000");
        Assert.Equal(OrderStatus.Open, (await fixture.OrderAsync(bid)).Status);
        Assert.Equal(ResultCode.Ok, (await fixture.CommitAsync(authority, new Msg { HaltMarket = new MsgHaltMarket { MarketId = market, Halted = true, Reason = "audit" } })).Code);
        await Refused(bob, Place(market, OrderSide.Buy, "5", "2000"), ResultCode.MarketHalted, "audit");
        Assert.Equal(ResultCode.Ok, (await fixture.CommitAsync(bob, new Msg { CancelOrder = new MsgCancelOrder { OrderId = bid } })).Code);
        Assert.Equal((OrderStatus.Cancelled, CancelReason.ByOwner), await Closed(bid));
    }

    [Fact]
    public async Task AFloodingTrader_IsRefusedAtTheDoor_AndTheNodeKeepsServingOthers()
    {
        using var flooder = TestNetwork.Account(5);
        using var other = TestNetwork.Account(6);
        ulong market = await fixture.CreateMarketAsync("SER");
        var far = Place(market, OrderSide.Sell, "1000", "1000");

        var tooMany = await Assert.ThrowsAsync<RpcException>(async () =>
            await Client.SubmitTxAsync(new SubmitTxRequest { Tx = await fixture.SignAsync(flooder, [far, far, far, far, far, far]) }));
        Assert.Equal(StatusCode.InvalidArgument, tooMany.StatusCode);
        Assert.Equal("TooManyActions", tooMany.Trailers.GetValue("seratio-outcome"));
        Assert.Contains("split it into transactions of at most 5", tooMany.Status.Detail);

        ulong nonce = (await Client.GetAccountAsync(new GetAccountRequest { Address = flooder.Address.ToString() })).Nonce;
        var batch = new SubmitTxBatchRequest();
        for (ulong i = 0; i < 6; i++) batch.Txs.Add(await fixture.SignAsync(flooder, [far], nonce + i));
        var results = (await Client.SubmitTxBatchAsync(batch)).Results;
        Assert.All(results.Take(5), r => Assert.True(r.Code == 0, r.Reason));
        Assert.Equal(((uint)StatusCode.ResourceExhausted, "RateLimited"), (results[5].Code, results[5].Outcome));
        Assert.Contains("max_actions_per_block", results[5].Reason);

        // The node keeps serving: another account's transfer commits while the flood's five go through.
        var sent = await Client.SubmitTxAsync(new SubmitTxRequest { Tx = TxFactory.Transfer(other, flooder.Address, 1).WithNonce(
            (await Client.GetAccountAsync(new GetAccountRequest { Address = other.Address.ToString() })).Nonce).SignedBytes(), Mode = SubmitMode.Commit });
        Assert.Equal(ResultCode.Ok, sent.Receipt.Code);
        await WaitUntil(async () => (await Client.GetAccountAsync(new GetAccountRequest { Address = flooder.Address.ToString() })).Nonce == nonce + 5);

        // Five open now; the limit is eight per market: three more pass, the fourth is refused.
        batch = new SubmitTxBatchRequest();
        for (ulong i = 0; i < 4; i++) batch.Txs.Add(await fixture.SignAsync(flooder, [far], nonce + 5 + i));
        results = (await Client.SubmitTxBatchAsync(batch)).Results;
        Assert.All(results.Take(3), r => Assert.True(r.Code == 0, r.Reason));
        Assert.Equal(((uint)StatusCode.FailedPrecondition, "TooManyOpenOrders"), (results[3].Code, results[3].Outcome));
        Assert.Contains($"has 5 open orders in market {market} and 3 pending placements there", results[3].Reason);
        Assert.True((await Client.GetStatusAsync(new GetStatusRequest())).LatestHeight > 0);
    }

    [Fact]
    public async Task BadQueriesAndMalformedOrders_GetPreciseStatuses_AndTheNodeKeepsServing()
    {
        using var trader = TestNetwork.Account(7);
        ulong market = await fixture.CreateMarketAsync("SER");
        async Task Status(Func<Task> call, StatusCode code, string part)
        {
            var error = await Assert.ThrowsAsync<RpcException>(call);
            Assert.True(error.StatusCode == code, $"{error.StatusCode}: {error.Status.Detail}");
            Assert.Contains(part, error.Status.Detail);
        }

        await Status(async () => await Client.GetOrderBookAsync(new GetOrderBookRequest { MarketId = market, Depth = 501 }), StatusCode.InvalidArgument, "depth 501 is above 500");
        await Status(async () => await Client.ListOrdersAsync(new ListOrdersRequest { Owner = trader.Address.ToString(), PageSize = 101 }), StatusCode.InvalidArgument, "page_size 101");
        await Status(async () => await Client.ListTradesAsync(new ListTradesRequest { MarketId = market, PageSize = 500 }), StatusCode.InvalidArgument, "page_size 500");
        await Status(async () => await Client.GetMarketAsync(new GetMarketRequest { Id = 999 }), StatusCode.NotFound, "no market 999");
        await Status(async () => await Client.GetOrderAsync(new GetOrderRequest { Id = 9_999_999 }), StatusCode.NotFound, "no order 9999999");
        await Status(async () => await Client.ListOrdersAsync(new ListOrdersRequest()), StatusCode.InvalidArgument, "owner is required");

        // Malformed placements are refused at admission, before they cost a block anything.
        var badPrice = Place(market, OrderSide.Buy, "1.5", "1000");
        var noSide = Place(market, OrderSide.Unspecified, "5", "1000");
        var gthWithoutExpiry = Place(market, OrderSide.Buy, "5", "1000", TimeInForce.Gth);
        foreach (var msg in new[] { badPrice, noSide, gthWithoutExpiry })
            await Status(async () => await Client.SubmitTxAsync(new SubmitTxRequest { Tx = await fixture.SignAsync(trader, [msg]) }), StatusCode.InvalidArgument, "message 0 (place-order)");
        Assert.Equal(ResultCode.Ok, (await fixture.CommitAsync(trader, Place(market, OrderSide.Buy, "5", "1000"))).Code);
    }

    private async Task<(OrderStatus, CancelReason)> Closed(ulong id)
    {
        var order = await WaitClosed(id);
        return (order.Status, order.CancelReason);
    }

    private async Task<OrderState> WaitClosed(ulong id)
    {
        OrderState order = null!;
        await WaitUntil(async () => (order = await fixture.OrderAsync(id)).Status is not (OrderStatus.Pending or OrderStatus.Open));
        return order;
    }

    private static async Task WaitUntil(Func<Task<bool>> condition)
    {
        for (int i = 0; i < 300; i++)
        {
            if (await condition()) return;
            await Task.Delay(100);
        }
        Assert.Fail("condition not reached within 30 s");
    }
}
