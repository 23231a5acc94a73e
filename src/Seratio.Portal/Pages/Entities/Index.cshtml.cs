using Microsoft.AspNetCore.Mvc.RazorPages;
using Seratio.Portal.Certificates;
using Seratio.Portal.Node;
using Seratio.Protocol;

namespace Seratio.Portal.Pages.Entities;

/// <summary>Every registered entity, newest first, <see cref="PageSize"/> a page: one ListEntities call with no controller.</summary>
public sealed class IndexModel(PortalNode node) : PageModel
{
    public const int PageSize = 20;

    public IReadOnlyList<EntityState> Rows { get; private set; } = [];
    public ulong Newest { get; private set; }
    public ulong Next { get; private set; }
    public bool First { get; private set; }

    public async Task OnGetAsync(ulong? before, CancellationToken ct)
    {
        var page = await node.Api.ListEntitiesAsync(new ListEntitiesRequest { PageSize = PageSize, PageToken = NewestFirst.TokenBelow(before) }, node.Call(ct));
        Rows = page.Entities;
        Newest = page.LastId;
        First = NewestFirst.IsNewest(before, page.LastId);
        Next = NewestFirst.Older(Rows.Select(e => e.Id), page.NextPageToken);
    }
}
