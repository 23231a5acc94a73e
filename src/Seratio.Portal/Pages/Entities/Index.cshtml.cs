using Microsoft.AspNetCore.Mvc.RazorPages;
using Seratio.Portal.Certificates;
using Seratio.Portal.Node;
using Seratio.Protocol;

namespace Seratio.Portal.Pages.Entities;

/// <summary>
/// Every registered entity, newest first, <see cref="PageSize"/> a page. The node lists entities only by controller, so
/// the page finds the newest id (<see cref="IdProbe"/>) and reads the ids below it.
/// </summary>
public sealed class IndexModel(PortalNode node) : PageModel
{
    public const int PageSize = 20;

    public IReadOnlyList<EntityState> Rows { get; private set; } = [];
    public ulong Newest { get; private set; }
    public ulong Next { get; private set; }
    public bool First { get; private set; }

    public async Task OnGetAsync(ulong? before, CancellationToken ct)
    {
        var page = await IdProbe.NewestFirstAsync(async (id, token) => (await node.Api.GetEntityAsync(new GetEntityRequest { Id = id }, node.Call(token))).Entity,
            before, PageSize, ct);
        (Rows, Newest, First, Next) = (page.Rows, page.Newest, page.Top == page.Newest, page.Next);
    }
}
