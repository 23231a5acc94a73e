using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Seratio.Portal.Node;
using Seratio.Portal.Pages.Shared;
using Seratio.Protocol;

namespace Seratio.Portal.Pages.DafPages;

/// <summary>
/// /daf: the DAF's parameters, its council with weights, the treasury, and the proposals newest first, optionally of one
/// status (<c>?status=voting</c>), <see cref="PageSize"/> at a time. Four calls to the node.
/// </summary>
public sealed class IndexModel(PortalNode node) : PageModel
{
    public const uint PageSize = 20;

    public DafParamsResponse Params { get; private set; } = new();
    public MembersResponse Members { get; private set; } = new();
    public TreasuryResponse Treasury { get; private set; } = new();
    public ListProposalsResponse Proposals { get; private set; } = new();
    public string Status { get; private set; } = "";
    public Pager Pager { get; private set; } = new(null, null, "proposals");

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "status")] string? status, CancellationToken ct)
    {
        if (DafQuery.ReadList(Request, DafQuery.ProposalStatuses, status, "proposal", out var filter, out var token) is { } refusal) return refusal;
        Status = status ?? "";
        Params = await node.Api.GetDafParamsAsync(new GetDafParamsRequest(), node.Call(ct));
        ulong height = Params.Height;
        Members = await node.Api.GetMembersAsync(new GetMembersRequest { Height = height }, node.Call(ct));
        Treasury = await node.Api.GetTreasuryAsync(new GetTreasuryRequest { Height = height }, node.Call(ct));
        Proposals = await node.Api.ListProposalsAsync(new ListProposalsRequest { Status = filter, PageToken = token, PageSize = PageSize, Height = height }, node.Call(ct));
        Pager = NodePaging.Links(Request, NodePaging.Parameter, token, Proposals.NextPageToken, "proposals");
        return Page();
    }
}
