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
        if (!DafQuery.TryStatus(DafQuery.GrantStatuses, status, out var filter))
            return BadInput.Page($"status '{BadInput.Shorten(status)}' is not a grant status; use one of {DafQuery.Expected(DafQuery.GrantStatuses)}, or none for all");
        if (!NodePaging.TryToken(Request, NodePaging.Parameter, out var token))
            return BadInput.Page($"the page token is not one the node gave: at most {NodePaging.MaxTokenChars} printable characters, given once");
        Status = status ?? "";
        Grants = await node.Api.ListGrantsAsync(new ListGrantsRequest { Status = filter, PageToken = token, PageSize = PageSize }, node.Call(ct));
        Treasury = await node.Api.GetTreasuryAsync(new GetTreasuryRequest { Height = Grants.Height }, node.Call(ct));
        Pager = NodePaging.Links(Request, NodePaging.Parameter, token, Grants.NextPageToken, "grants");
        return Page();
    }
}
