using Grpc.Core;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Seratio.Portal.Node;
using Seratio.Protocol;

namespace Seratio.Portal.Pages;

/// <summary>The front page: the chain's status, the latest blocks (kept live by /static/js/live.js), the validators in short.</summary>
public sealed class IndexModel(PortalNode node) : PageModel
{
    /// <summary>Blocks the front page lists.</summary>
    public const uint LatestBlocks = 10;

    public NodeStatus Status { get; private set; } = new();
    public ListBlocksResponse Blocks { get; private set; } = new();
    public ValidatorsResponse Validators { get; private set; } = new();
    public ConsensusState? Consensus { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Status = await node.Api.GetStatusAsync(new GetStatusRequest(), node.Call(ct));
        Blocks = await node.Api.ListBlocksAsync(new ListBlocksRequest { PageSize = LatestBlocks }, node.Call(ct));
        Validators = await node.Api.GetValidatorsAsync(new GetValidatorsRequest(), node.Call(ct));
        try
        {
            Consensus = await node.Api.GetConsensusStateAsync(new GetConsensusStateRequest(), node.Call(ct));
        }
        catch (RpcException e) when (e.StatusCode is Grpc.Core.StatusCode.Unimplemented or Grpc.Core.StatusCode.Unavailable)
        {
            Consensus = null; // a node that serves no consensus state: the page says so
        }
    }
}
