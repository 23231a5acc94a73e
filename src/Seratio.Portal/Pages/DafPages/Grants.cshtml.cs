using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Seratio.Portal.Node;
using Seratio.Portal.Pages.Shared;
using Seratio.Protocol;

namespace Seratio.Portal.Pages.DafPages;

/// <summary>/daf/grants: conviction grants newest first, optionally of one status (<c>?status=open</c>), <see cref="PageSize"/> at a time. Two calls to the node.</summary>
public sealed class GrantsModel(PortalNode node) : PageModel
{
    public const uint PageSize = 20;

    public ListGrantsResponse Grants { get; private set; } = new();
    public TreasuryResponse Treasury { get; private set; } = new();
    public string Status { get; private set; } = "";
    public Pager Pager { get; private set; } = new(null, null, "grants");

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "status")] string? status, CancellationToken ct)
    {
        if (DafQuery.ReadList(Request, DafQuery.GrantStatuses, status, "grant", out var filter, out var token) is { } refusal) return refusal;
        Status = status ?? "";
        Grants = await node.Api.ListGrantsAsync(new ListGrantsRequest { Status = filter, PageToken = token, PageSize = PageSize }, node.Call(ct));
        Treasury = await node.Api.GetTreasuryAsync(new GetTreasuryRequest { Height = Grants.Height }, node.Call(ct));
        Pager = NodePaging.Links(Request, NodePaging.Parameter, token, Grants.NextPageToken, "grants");
        return Page();
    }
}
