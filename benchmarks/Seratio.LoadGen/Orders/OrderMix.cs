using System.Diagnostics;
using System.Globalization;
using Google.Protobuf;
using Grpc.Core;
using Seratio.Core.Chain;
using Seratio.Core.Crypto;
using Seratio.Core.Transactions;
using Seratio.Protocol;

namespace Seratio.LoadGen.Orders;

/// <summary>
/// The exchange mix (<c>--mix orders=W</c>, see <see cref="TxMix"/>): before the clock starts, the authority
/// (the first funder, dev-0 on a devnet) takes the rewarding-body role if it lacks it, creates an altcoin of
/// its own for the run, mints 100,000 units to every selling trader and lists the market altcoin/SER (tick,
/// lot, fees and minimum value from <see cref="OrderQuotes"/>). Every load account trades: even accounts buy,
/// odd accounts sell, around a fixed mid (<see cref="OrderQuotes"/>); one slot in four, or whenever a trader
/// has <see cref="CancelAbove"/> orders possibly open, cancels its oldest resting order, and no trader goes
/// past params.exchange.max_open_orders (default limits assumed: the API does not serve params). Exchange
/// slots are signed when the sender takes them (<see cref="LoadPlan"/>'s live slots), since a cancel names an
/// order id the chain assigned; each trader learns its ids from the batches' <c>exchange.order</c> events
/// (<see cref="WatchAsync"/>). Setup is not thread safe; <see cref="SignLive"/> and the watch are.
/// </summary>
internal sealed class OrderMix
{
    /// <summary>Gas limit of an exchange action (gas price 0 on a devnet: it costs nothing, it only must not run out).</summary>
    public const ulong GasLimit = 1_000_000;
    /// <summary>Open (or possibly open) orders above which a trader cancels before it places again: a book of ≈ 16 orders per trader.</summary>
    public const int CancelAbove = 16;
    /// <summary>Base units of the run's altcoin minted to each selling trader.</summary>
    public const ulong SellerUnits = 100_000;
    private const int MintsPerTx = 48;

    private readonly string _chainId;
    private readonly SigningKey[] _senders;
    private readonly Trader[] _traders;
    private readonly Dictionary<string, int> _byAddress;
    private readonly int _maxOpen;

    private OrderMix(string chainId, SigningKey[] senders, ulong marketId, string symbol, int maxOpen)
    {
        _chainId = chainId;
        _senders = senders;
        _traders = senders.Select(_ => new Trader()).ToArray();
        _byAddress = senders.Select((s, a) => (s.Address.ToString(), a)).ToDictionary(p => p.Item1, p => p.a, StringComparer.Ordinal);
        _maxOpen = maxOpen;
        MarketId = marketId;
        Symbol = symbol;
    }

    public ulong MarketId { get; }

    /// <summary>The run's altcoin, the market's base (quote: SER).</summary>
    public string Symbol { get; }

    public IReadOnlyList<Trader> Traders => _traders;

    /// <summary>Creates the altcoin, funds the sellers and lists the market; the senders' keys must stay alive for <see cref="SignLive"/>.</summary>
    public static async Task<OrderMix> PrepareAsync(NodeApi.NodeApiClient client, string chainId, SigningKey authority, SigningKey[] senders,
        TextWriter log, CancellationToken ct)
    {
        var status = await client.GetStatusAsync(new GetStatusRequest(), cancellationToken: ct);
        string symbol = "DEX" + (status.LatestHeight % 1_000_000_000).ToString(CultureInfo.InvariantCulture);
        var roles = (await client.GetRolesAsync(new GetRolesRequest { Address = authority.Address.ToString() }, cancellationToken: ct)).Roles;
        var setUp = new List<Msg>();
        if (!roles.RewardingBody) setUp.Add(new Msg { GrantRole = new MsgGrantRole { Account = authority.Address.ToByteString(), Role = Role.RewardingBody } });
        setUp.Add(new Msg
        {
            CreateAsset = new MsgCreateAsset
            {
                Symbol = symbol, Name = "load generator " + symbol, Decimals = 0,
                MaxSupply = ((ulong)senders.Length * SellerUnits).ToString(CultureInfo.InvariantCulture), MintAuthority = authority.Address.ToByteString(),
            },
        });
        await CommitAsync(client, chainId, authority, null, ct, [.. setUp]);

        ulong nonce = (await client.GetAccountAsync(new GetAccountRequest { Address = authority.Address.ToString() }, cancellationToken: ct)).Nonce;
        var sellers = Enumerable.Range(0, senders.Length).Where(a => !IsBuyer(a)).ToList();
        if (sellers.Count > 60 * MintsPerTx) throw new ArgumentException($"--accounts {senders.Length} is too many for the order mix: at most {2 * 60 * MintsPerTx}");
        var batch = new SubmitTxBatchRequest();
        foreach (var chunk in sellers.Chunk(MintsPerTx))
            batch.Txs.Add(ByteString.CopyFrom(Sign(chainId, authority, nonce++, 10 * GasLimit, chunk.Select(a => new Msg
            {
                MintAsset = new MsgMintAsset { Symbol = symbol, To = senders[a].Address.ToByteString(), Amount = SellerUnits.ToString(CultureInfo.InvariantCulture) },
            }).ToArray())));
        var minted = await client.SubmitTxBatchAsync(batch, cancellationToken: ct);
        if (minted.Results.FirstOrDefault(r => (StatusCode)r.Code is not (StatusCode.OK or StatusCode.AlreadyExists)) is { } refused)
            throw new InvalidOperationException($"order mix mint refused: {(StatusCode)refused.Code} {refused.Outcome}: {refused.Reason}");

        var created = await CommitAsync(client, chainId, authority, nonce, ct, new Msg
        {
            CreateMarket = new MsgCreateMarket
            {
                Base = symbol, Quote = "SER", TickSize = Text(OrderQuotes.Tick), LotSize = Text(OrderQuotes.Lot),
                MinOrderValue = Text(OrderQuotes.MinOrderValue), MakerFeeBps = OrderQuotes.MakerFeeBps, TakerFeeBps = OrderQuotes.TakerFeeBps,
            },
        });
        // The market has the nonce after the mints', so they are committed with it or before.
        ulong marketId = MarketIdOf(created) ?? await FindMarketAsync(client, symbol, ct);
        log.WriteLine($"order mix: market {marketId} {symbol}/SER (tick {OrderQuotes.Tick}, lot {OrderQuotes.Lot}, mid {OrderQuotes.Mid}), "
            + $"{sellers.Count} sellers hold {SellerUnits:N0} {symbol} each, {senders.Length - sellers.Count} buyers pay in SER; created at height {created.Height}");
        return new OrderMix(chainId, senders, marketId, symbol, (int)ExchangeParams.Default.MaxOpenOrders);
    }

    /// <summary>Even accounts buy, odd accounts sell (<see cref="OrderQuotes"/>).</summary>
    public static bool IsBuyer(int account) => account % 2 == 0;

    /// <summary>Signs account <paramref name="account"/>'s next exchange slot at <paramref name="nonce"/>: a placement, a cancel, or a 1-unit transfer when neither fits.</summary>
    public Pending SignLive(int account, ulong nonce, long now)
    {
        var (action, cancelId, index) = _traders[account].Next(now, CancelAbove, _maxOpen);
        var sender = _senders[account];
        switch (action)
        {
            case TraderAction.Place:
            {
                var (side, price, quantity) = OrderQuotes.For(account, index);
                var bytes = Sign(_chainId, sender, nonce, GasLimit, new Msg
                {
                    PlaceOrder = new MsgPlaceOrder { MarketId = MarketId, Side = side, Price = Text(price), Quantity = Text(quantity), TimeInForce = TimeInForce.Gtc },
                });
                return new Pending(bytes, Transfers.HashOf(bytes), account, TxKind.Place);
            }
            case TraderAction.Cancel:
            {
                var bytes = Sign(_chainId, sender, nonce, GasLimit, new Msg { CancelOrder = new MsgCancelOrder { OrderId = cancelId } });
                return new Pending(bytes, Transfers.HashOf(bytes), account, TxKind.Cancel);
            }
            default:
                return SignTransfer(account, nonce);
        }
    }

    /// <summary>A 1-unit SER transfer to the next account: a slot where no exchange action fits, or one the node refused.</summary>
    public Pending SignTransfer(int account, ulong nonce)
    {
        var bytes = Transfers.Sign(_chainId, _senders[account], _senders[(account + 1) % _senders.Length].Address, 1, nonce);
        return new Pending(bytes, Transfers.HashOf(bytes), account, TxKind.Transfer);
    }

    /// <summary>
    /// Follows the <c>exchange.order</c> events of the run's market from <paramref name="fromHeight"/>, telling each
    /// trader which of its orders rest (OPEN, PENDING) and which closed; runs until <paramref name="stop"/>.
    /// </summary>
    public async Task WatchAsync(NodeApi.NodeApiClient client, ulong fromHeight, CancellationToken stop)
    {
        string market = MarketId.ToString(CultureInfo.InvariantCulture);
        try
        {
            var request = new StreamEventsRequest { FromHeight = fromHeight };
            request.Types_.Add("exchange.order");
            using var stream = client.StreamEvents(request, cancellationToken: stop);
            await foreach (var envelope in stream.ResponseStream.ReadAllAsync(stop).ConfigureAwait(false))
            {
                var e = OrderEvent.From(envelope.Event);
                if (e is null || e.Value.Market != market || !_byAddress.TryGetValue(e.Value.Owner, out var account)) continue;
                _traders[account].Observe(e.Value.Order, e.Value.Open);
            }
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled) { }
        catch (OperationCanceledException) { }
    }

    private static string Text(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The id in the receipt's "exchange.market" event, if it has one.</summary>
    private static ulong? MarketIdOf(Receipt receipt) =>
        receipt.Events.FirstOrDefault(e => e.Type == "exchange.market")?.Attributes.FirstOrDefault(a => a.Key == "market") is { } id
        && ulong.TryParse(id.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var market) ? market : null;

    private static async Task<ulong> FindMarketAsync(NodeApi.NodeApiClient client, string symbol, CancellationToken ct)
    {
        var request = new ListMarketsRequest { PageSize = 100 };
        while (true)
        {
            var page = await client.ListMarketsAsync(request, cancellationToken: ct);
            if (page.Markets.FirstOrDefault(m => m.Base == symbol && m.Quote == "SER") is { } found) return found.Id;
            if (page.NextPageToken.Length == 0) throw new InvalidOperationException($"the market {symbol}/SER was created but ListMarkets does not list it");
            request.PageToken = page.NextPageToken;
        }
    }

    private static byte[] Sign(string chainId, SigningKey from, ulong nonce, ulong gasLimit, params Msg[] msgs)
    {
        var body = new TxBody { ChainId = chainId, Sender = from.Address.ToByteString(), Nonce = nonce, GasLimit = gasLimit, GasPrice = 0 };
        body.Msgs.Add(msgs);
        return TxDecoder.Sign(body, from);
    }

    /// <summary>Signs at <paramref name="nonce"/> (null: the account's committed nonce, when nothing of it is pending) and waits for the commit.</summary>
    private static async Task<Receipt> CommitAsync(NodeApi.NodeApiClient client, string chainId, SigningKey from, ulong? nonce, CancellationToken ct, params Msg[] msgs)
    {
        nonce ??= (await client.GetAccountAsync(new GetAccountRequest { Address = from.Address.ToString() }, cancellationToken: ct)).Nonce;
        var tx = Sign(chainId, from, nonce.Value, 10 * GasLimit, msgs);
        var response = await client.SubmitTxAsync(new SubmitTxRequest { Tx = ByteString.CopyFrom(tx), Mode = SubmitMode.Commit }, cancellationToken: ct);
        if (response.Receipt.Code != ResultCode.Ok)
            throw new InvalidOperationException($"order mix setup failed ({response.Receipt.Code}): {response.Receipt.Log}; the first --funders key must be the chain's authority");
        return response.Receipt;
    }
}

/// <summary>The fields of an <c>exchange.order</c> event the mix reads (docs/modules/exchange.md, "Events"). Immutable.</summary>
internal readonly record struct OrderEvent(ulong Order, string Market, string Owner, bool Open)
{
    /// <summary>Reads the event; null when it lacks an order id. Open: a status naming OPEN or PENDING (any spelling).</summary>
    public static OrderEvent? From(Event e)
    {
        string? order = null, market = null, owner = null, status = null;
        foreach (var a in e.Attributes)
            switch (a.Key)
            {
                case "order": order = a.Value; break;
                case "market": market = a.Value; break;
                case "owner": owner = a.Value; break;
                case "status": status = a.Value; break;
            }
        if (!ulong.TryParse(order, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return null;
        bool open = status is not null && (status.Contains("OPEN", StringComparison.OrdinalIgnoreCase) || status.Contains("PENDING", StringComparison.OrdinalIgnoreCase));
        return new OrderEvent(id, market ?? "", owner ?? "", open);
    }
}
