using Microsoft.AspNetCore.Mvc.RazorPages;
using Seratio.Portal.Node;
using Seratio.Protocol;

namespace Seratio.Portal.Pages;

/// <summary>The front page: the chain's status as the node reports it.</summary>
public sealed class IndexModel(PortalNode node) : PageModel
{
    public NodeStatus Status { get; private set; } = new();

    public async Task OnGetAsync(CancellationToken ct) => Status = await node.Api.GetStatusAsync(new GetStatusRequest(), node.Call(ct));
}
