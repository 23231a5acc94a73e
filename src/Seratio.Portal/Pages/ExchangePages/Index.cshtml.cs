using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Seratio.Portal.Node;
using Seratio.Portal.Pages.Shared;
using Seratio.Protocol;

namespace Seratio.Portal.Pages.ExchangePages;

/// <summary>
/// /exchange: the markets in ascending id, a page of <see cref="PageSize"/> at a time, each with its last price, volumes
/// and best bid and ask (one <c>GetMarket</c> per market on the page, read at the list's height).
/// </summary>
public sealed class IndexModel(PortalNode node) : PageModel
{
    /// <summary>Markets per page; each costs one more call to the node for its best bid and ask.</summary>
    public const uint PageSize = 20;

    public IReadOnlyList<MarketResponse> Markets { get; private set; } = [];
    public ulong Total { get; private set; }
    public ulong Height { get; private set; }
    public Pager Pager { get; private set; } = new(null, null, "markets");

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!NodePaging.TryToken(Request, NodePaging.Parameter, out var token))
            return BadInput.Page(NodePaging.BadToken);
        var list = await node.Api.ListMarketsAsync(new ListMarketsRequest { PageToken = token, PageSize = PageSize }, node.Call(ct));
        Height = list.Height;
        Total = list.Total;
        Markets = await Task.WhenAll(list.Markets.Select(m => node.Api.GetMarketAsync(new GetMarketRequest { Id = m.Id, Height = list.Height }, node.Call(ct)).ResponseAsync));
        Pager = NodePaging.Links(Request, NodePaging.Parameter, token, list.NextPageToken, "markets");
        return Page();
    }
}
