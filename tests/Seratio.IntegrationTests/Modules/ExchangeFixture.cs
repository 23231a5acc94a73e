using Google.Protobuf;
using Seratio.Core.Chain;
using Seratio.Core.Crypto;
using Seratio.Core.Transactions;
using Seratio.IntegrationTests.Infrastructure;
using Seratio.Protocol;

namespace Seratio.IntegrationTests.Modules;

/// <summary>
/// One node process for the exchange tests: account-0 is the authority and a rewarding body with the altcoin DEXC minted
/// to accounts 1-7; tight limits (<see cref="Limits"/>) so that the refusals are reachable; helpers that sign with the
/// sender's current nonce and commit.
/// </summary>
public sealed class ExchangeFixture : IAsyncLifetime
{
    public static readonly ExchangeParams Limits = new() { MaxActionsPerBlock = 5, MaxOpenOrders = 8, MaxOrderLifetime = 1_000 };

    public NodeProcess Node { get; private set; } = null!;
    public NodeApi.NodeApiClient Client => Node.Client;

    public async Task InitializeAsync()
    {
        using var authority = TestNetwork.Account(0);
        var genesis = TestNetwork.Genesis(new ChainParams { Exchange = Limits }) with { Authority = authority.Address.ToString() };
        Node = await NodeProcess.StartAsync(genesis);
        var setup = new List<Msg>
        {
            new() { GrantRole = new MsgGrantRole { Account = authority.Address.ToByteString(), Role = Role.RewardingBody } },
        };
        Assert.Equal(ResultCode.Ok, (await CommitAsync(authority, [.. setup])).Code);
        var mint = new List<Msg> { new() { CreateAsset = new MsgCreateAsset { Symbol = "DEXC", Name = "Exchange test coin", Decimals = 2, MaxSupply = "1000000000000", MintAuthority = authority.Address.ToByteString() } } };
        for (int i = 1; i < TestNetwork.FundedAccounts; i++)
        {
            using var holder = TestNetwork.Account(i);
            mint.Add(new Msg { MintAsset = new MsgMintAsset { Symbol = "DEXC", To = holder.Address.ToByteString(), Amount = "10000000000" } });
        }
        var minted = await CommitAsync(authority, [.. mint]);
        Assert.True(minted.Code == ResultCode.Ok, minted.Log);
    }

    public async Task DisposeAsync() => await Node.DisposeAsync();

    /// <summary>Signs <paramref name="msgs"/> from <paramref name="from"/> with <paramref name="nonce"/> or its next nonce.</summary>
    public async Task<ByteString> SignAsync(SigningKey from, Msg[] msgs, ulong? nonce = null)
    {
        var body = new TxBody
        {
            ChainId = TestNetwork.ChainId,
            Sender = from.Address.ToByteString(),
            Nonce = nonce ?? (await Client.GetAccountAsync(new GetAccountRequest { Address = from.Address.ToString() })).Nonce,
            GasLimit = 2_000_000,
        };
        body.Msgs.Add(msgs);
        return ByteString.CopyFrom(TxDecoder.Sign(body, from));
    }

    /// <summary>Submits and waits for the receipt.</summary>
    public async Task<Receipt> CommitAsync(SigningKey from, params Msg[] msgs)
    {
        var response = await Client.SubmitTxAsync(new SubmitTxRequest { Tx = await SignAsync(from, msgs), Mode = SubmitMode.Commit });
        return response.Receipt;
    }

    /// <summary>Lists a DEXC-quoted market of <paramref name="baseAsset"/> and returns its id.</summary>
    public async Task<ulong> CreateMarketAsync(string baseAsset, string tick = "1", string lot = "1000", string minValue = "1", uint makerBps = 0, uint takerBps = 10)
    {
        using var authority = TestNetwork.Account(0);
        var receipt = await CommitAsync(authority, new Msg
        {
            CreateMarket = new MsgCreateMarket { Base = baseAsset, Quote = "DEXC", TickSize = tick, LotSize = lot, MinOrderValue = minValue, MakerFeeBps = makerBps, TakerFeeBps = takerBps },
        });
        Assert.True(receipt.Code == ResultCode.Ok, receipt.Log);
        return ulong.Parse(Attribute(receipt, "exchange.market", "market"), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static Msg Place(ulong market, OrderSide side, string price, string quantity, TimeInForce tif = TimeInForce.Gtc, ulong expire = 0) => new()
    {
        PlaceOrder = new MsgPlaceOrder { MarketId = market, Side = side, Price = price, Quantity = quantity, TimeInForce = tif, ExpireHeight = expire },
    };

    /// <summary>Places one order, commits, and returns the order id its receipt names.</summary>
    public async Task<ulong> PlaceAsync(SigningKey from, ulong market, OrderSide side, string price, string quantity, TimeInForce tif = TimeInForce.Gtc, ulong expire = 0)
    {
        var receipt = await CommitAsync(from, Place(market, side, price, quantity, tif, expire));
        Assert.True(receipt.Code == ResultCode.Ok, $"{receipt.Code}: {receipt.Log}");
        return ulong.Parse(Attribute(receipt, "exchange.order", "order"), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The order once its block's batch has run (the receipt is written before the batch; the state after it).</summary>
    public async Task<OrderState> OrderAsync(ulong id) => (await Client.GetOrderAsync(new GetOrderRequest { Id = id })).Order;

    public static string Attribute(Receipt receipt, string type, string key) =>
        receipt.Events.First(e => e.Type == type).Attributes.First(a => a.Key == key).Value;
}
