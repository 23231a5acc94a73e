using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Seratio.Client.Exchange;
using Seratio.Portal.Node;
using Seratio.Portal.Pages.Shared;
using Seratio.Protocol;

namespace Seratio.Portal.Pages.ExchangePages;

/// <summary>
/// /exchange/markets/{id}: a market's parameters and halted status, its book to <see cref="Depth"/> levels a side drawn as
/// a depth chart (and the same levels as tables), and its most recent trades. Three or four calls to the node, all at the
/// market's height. An id that is not one is a 400; an unknown market the node's 404.
/// </summary>
public sealed class MarketModel(PortalNode node) : PageModel
{
    /// <summary>Price levels per side read and drawn.</summary>
    public const uint Depth = 50;

    /// <summary>Trades shown, newest first.</summary>
    public const int RecentTrades = 20;

    /// <summary>The heights searched for recent trades before the last one, in one page of <see cref="TradePage"/> trades.</summary>
    public const ulong TradeWindow = 100;

    public const uint TradePage = 100;

    public MarketResponse Market { get; private set; } = new();
    public OrderBookResponse Book { get; private set; } = new();
    public DepthChart Chart { get; private set; } = DepthChart.From([], []);
    public IReadOnlyList<TradeRecord> Trades { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        if (!BadInput.TryId(id, out var marketId)) return BadInput.Page(BadInput.NotAnId("market", id));
        Market = await node.Api.GetMarketAsync(new GetMarketRequest { Id = marketId }, node.Call(ct));
        ulong height = Market.Height;
        Book = await node.Api.GetOrderBookAsync(new GetOrderBookRequest { MarketId = marketId, Depth = Depth, Height = height }, node.Call(ct));
        Chart = DepthChart.From(Book.Bids, Book.Asks);
        Trades = await RecentAsync(marketId, Market.Market.LastTradeHeight, height, ct);
        return Page();
    }

    /// <summary>
    /// The newest trades: one page from <see cref="TradeWindow"/> heights before the last trade; when that window holds
    /// more than a page, the last trade's height alone (its batch), so what is shown is always the newest.
    /// </summary>
    private async Task<IReadOnlyList<TradeRecord>> RecentAsync(ulong marketId, ulong lastTradeHeight, ulong height, CancellationToken ct)
    {
        if (lastTradeHeight == 0) return [];
        var request = new ListTradesRequest
        {
            MarketId = marketId,
            FromHeight = lastTradeHeight > TradeWindow ? lastTradeHeight - TradeWindow : 1,
            PageSize = TradePage,
            Height = height,
        };
        var page = await node.Api.ListTradesAsync(request, node.Call(ct));
        if (page.NextPageToken.Length > 0)
        {
            request.FromHeight = lastTradeHeight;
            page = await node.Api.ListTradesAsync(request, node.Call(ct));
        }
        return [.. page.Trades.Reverse().Take(RecentTrades)];
    }
}
