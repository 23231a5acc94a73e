using System.Globalization;
using Seratio.Core.Addressing;
using Seratio.Core.State;
using Seratio.Protocol;
using Seratio.Vm.Modules.Exchange;
using ExchangeState = Seratio.Vm.Modules.Exchange.Exchange;

namespace Seratio.Node.Api.Queries;

/// <summary>
/// The queries of the exchange, ClassicDelta (docs/modules/exchange.md, docs/api.md): markets with their best
/// prices, order books as aggregated price levels, orders with proofs, an owner's orders newest first, a
/// market's trades by height range. Bad input is InvalidArgument naming the field and the fix, unknown markets
/// and orders NotFound. The work of one call is bounded: at most <see cref="MaxDepth"/> levels per side, a page
/// of at most 100, at most <see cref="MaxOrdersScanned"/> order ids read by one ListOrders call whatever its
/// filter, and a binary search (≈ 64 reads) to find a height among a market's trades. Stateless apart from the
/// scope; thread safe.
/// </summary>
internal sealed class ExchangeQueryService(QueryScope scope)
{
    public const uint DefaultDepth = 50;
    public const uint MaxDepth = 500;

    /// <summary>The most order ids one ListOrders call reads; a filter that skips them all returns a short (or empty) page with a token to go on.</summary>
    public const int MaxOrdersScanned = 1_000;

    public MarketResponse GetMarket(GetMarketRequest request)
    {
        RequireId(request.Id, "id");
        var at = scope.At(request.Height);
        var market = KnownMarket(at.State, request.Id, at.Height, "id");
        var response = new MarketResponse
        {
            Market = market,
            BestBid = BestPrice(at.State, market.Id, OrderSide.Buy),
            BestAsk = BestPrice(at.State, market.Id, OrderSide.Sell),
            Height = at.Height,
            StateRoot = at.Root.ToByteString(),
        };
        if (request.Prove) response.Proof = scope.Prove(ExchangeKeys.Market(request.Id), at);
        return response;
    }

    public ListMarketsResponse ListMarkets(ListMarketsRequest request)
    {
        int size = Paging.Size(request.PageSize);
        ulong from = Paging.Position(request.PageToken);
        var at = scope.At(request.Height);
        ulong last = ExchangeState.LastMarketId(at.State);
        var response = new ListMarketsResponse { Height = at.Height, Total = last };
        // The token is the last id listed: markets are 1..last, never removed.
        ulong id = from;
        while (response.Markets.Count < size && id < last)
        {
            id++;
            response.Markets.Add(ExchangeState.GetMarket(at.State, id)
                ?? throw new InvalidDataException($"market counter is {last} but state does not hold market {id}"));
        }
        if (id < last) response.NextPageToken = Paging.Token(id);
        return response;
    }

    public OrderBookResponse GetOrderBook(GetOrderBookRequest request)
    {
        RequireId(request.MarketId, "market_id");
        if (request.Depth > MaxDepth)
            throw ApiErrors.Invalid($"depth {request.Depth} is above {MaxDepth}; ask for at most {MaxDepth} price levels per side, or 0 for {DefaultDepth}");
        int depth = (int)(request.Depth == 0 ? DefaultDepth : request.Depth);
        var at = scope.At(request.Height);
        var market = KnownMarket(at.State, request.MarketId, at.Height, "market_id");
        var response = new OrderBookResponse
        {
            MarketId = market.Id,
            LastPrice = market.LastPrice,
            Height = at.Height,
            StateRoot = at.Root.ToByteString(),
        };
        response.Bids.Add(ExchangeState.Levels(at.State, market.Id, OrderSide.Buy, depth));
        response.Asks.Add(ExchangeState.Levels(at.State, market.Id, OrderSide.Sell, depth));
        return response;
    }

    public OrderResponse GetOrder(GetOrderRequest request)
    {
        RequireId(request.Id, "id");
        var at = scope.At(request.Height);
        var order = ExchangeState.GetOrder(at.State, request.Id)
            ?? throw ApiErrors.NotFound($"no order {request.Id} at height {at.Height} (the last is {ExchangeState.LastOrderId(at.State)}); check the id, or ListOrders by owner");
        var response = new OrderResponse { Order = order, Height = at.Height, StateRoot = at.Root.ToByteString() };
        if (request.Prove) response.Proof = scope.Prove(ExchangeKeys.Order(request.Id), at);
        return response;
    }

    /// <summary>
    /// An owner's orders, newest first. The token is the position (in the owner's list, oldest = 0) below which the
    /// next page starts, with the height it belongs to, so later placements do not shift the pages.
    /// </summary>
    public ListOrdersResponse ListOrders(ListOrdersRequest request)
    {
        var owner = ApiErrors.RequireAddress(request.Owner, "owner");
        if (!Enum.IsDefined(request.Status))
            throw ApiErrors.Invalid($"status {(int)request.Status} is not one; use 0 (every status) or 1-5 (pending, open, filled, cancelled, expired)");
        int size = Paging.Size(request.PageSize);
        ulong requested = request.Height;
        ulong? below = null;
        if (request.PageToken.Length > 0)
        {
            var (tokenHeight, position) = ParseHeightToken(request.PageToken);
            if (requested != 0 && requested != tokenHeight)
                throw ApiErrors.Invalid($"page_token belongs to height {tokenHeight}, not {requested}; pass height 0 or {tokenHeight} with it");
            (requested, below) = (tokenHeight, position);
        }
        var at = scope.At(requested);
        if (request.MarketId != 0) KnownMarket(at.State, request.MarketId, at.Height, "market_id");
        var list = request.MarketId == 0 ? ExchangeState.OrdersOf(owner) : ExchangeState.OrdersOf(owner, request.MarketId);
        ulong count = list.Count(at.State);
        ulong end = below ?? count;
        if (end > count) throw Paging.InvalidToken(request.PageToken);

        var response = new ListOrdersResponse { Height = at.Height };
        int scanned = 0;
        while (end > 0 && response.Orders.Count < size && scanned < MaxOrdersScanned)
        {
            int take = (int)Math.Min(end, (ulong)Math.Min(size, MaxOrdersScanned - scanned));
            var ids = list.Read(at.State, end - (ulong)take, take);
            if (ids.Count != take) throw new InvalidDataException($"{owner}'s order list holds {count} ids but position {end - (ulong)take} gave {ids.Count} of {take}");
            int used = 0;
            for (int i = ids.Count - 1; i >= 0 && response.Orders.Count < size; i--)
            {
                used++;
                var order = ExchangeState.GetOrder(at.State, ids[i]) ?? throw new InvalidDataException($"{owner}'s order list names order {ids[i]} but state does not hold it");
                if (request.Status == OrderStatus.Unspecified || order.Status == request.Status) response.Orders.Add(order);
            }
            scanned += used;
            end -= (ulong)used;
        }
        if (end > 0) response.NextPageToken = HeightToken(at.Height, end);
        return response;
    }

    /// <summary>A market's trades oldest first in a height range; the token is the next trade's sequence number.</summary>
    public ListTradesResponse ListTrades(ListTradesRequest request)
    {
        RequireId(request.MarketId, "market_id");
        if (request.ToHeight != 0 && request.ToHeight < request.FromHeight)
            throw ApiErrors.Invalid($"to_height {request.ToHeight} is below from_height {request.FromHeight}; give a range low to high, or to_height 0 for the latest");
        int size = Paging.Size(request.PageSize);
        ulong token = Paging.Position(request.PageToken);
        var at = scope.At(request.Height);
        if (request.ToHeight > at.Height) throw ApiErrors.AboveHead("to_height", request.ToHeight, at.Height);
        var market = KnownMarket(at.State, request.MarketId, at.Height, "market_id");
        ulong count = market.TradeCount;
        if (request.PageToken.Length > 0 && (token == 0 || token > count + 1)) throw Paging.InvalidToken(request.PageToken);
        ulong to = request.ToHeight == 0 ? at.Height : request.ToHeight;

        ulong sequence = token != 0 ? token : FirstTradeAtOrAbove(at.State, market.Id, count, request.FromHeight);
        var response = new ListTradesResponse { Height = at.Height };
        for (; sequence <= count; sequence++)
        {
            var trade = Trade(at.State, market.Id, sequence);
            if (trade.Height > to) break;
            if (response.Trades.Count == size)
            {
                response.NextPageToken = Paging.Token(sequence);
                break;
            }
            response.Trades.Add(trade);
        }
        return response;
    }

    /// <summary>The sequence number of the first trade at or above <paramref name="height"/> (count + 1 when none): trades are numbered in height order.</summary>
    internal static ulong FirstTradeAtOrAbove(IStateReader state, ulong marketId, ulong count, ulong height)
    {
        ulong low = 1, high = count + 1; // the answer is in [low, high]
        while (low < high)
        {
            ulong middle = low + (high - low) / 2;
            if (Trade(state, marketId, middle).Height >= height) high = middle;
            else low = middle + 1;
        }
        return low;
    }

    private static TradeRecord Trade(IStateReader state, ulong marketId, ulong sequence) =>
        ExchangeState.GetTrade(state, marketId, sequence)
        ?? throw new InvalidDataException($"market {marketId} counts trades past {sequence - 1} but state does not hold trade {sequence}");

    private static string BestPrice(IStateReader state, ulong marketId, OrderSide side) =>
        ExchangeState.Levels(state, marketId, side, 1) is [var best, ..] ? best.Price : "";

    private static MarketState KnownMarket(IStateReader state, ulong id, ulong height, string field) =>
        ExchangeState.GetMarket(state, id)
        ?? throw ApiErrors.NotFound($"no market {id} ({field}) at height {height} (markets are 1-{ExchangeState.LastMarketId(state)}); list them with ListMarkets");

    private static void RequireId(ulong id, string field)
    {
        if (id == 0) throw ApiErrors.Invalid($"{field} is required: ids start at 1");
    }

    private static string HeightToken(ulong height, ulong position) =>
        string.Create(CultureInfo.InvariantCulture, $"{height}:{position}");

    private static (ulong Height, ulong Position) ParseHeightToken(string token)
    {
        var parts = token.Split(':');
        if (parts.Length == 2
            && ulong.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var height)
            && ulong.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var position)
            && height > 0 && position > 0)
            return (height, position);
        throw Paging.InvalidToken(token);
    }
}
