using Grpc.Core;
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
        Newest = await IdProbe.HighestAsync(async (id, token) =>
        {
            try { await node.Api.GetEntityAsync(new GetEntityRequest { Id = id }, node.Call(token)); return true; }
            catch (RpcException e) when (e.StatusCode == Grpc.Core.StatusCode.NotFound) { return false; }
        }, ct);
        ulong top = before is { } b && b > 0 ? Math.Min(b - 1, Newest) : Newest;
        First = top == Newest;
        var rows = new List<EntityState>();
        for (ulong id = top; id >= 1 && rows.Count < PageSize; id--)
            rows.Add((await node.Api.GetEntityAsync(new GetEntityRequest { Id = id }, node.Call(ct))).Entity);
        Rows = rows;
        Next = rows.Count > 0 && rows[^1].Id > 1 ? rows[^1].Id : 0;
    }
}
