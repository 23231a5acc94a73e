using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Seratio.Portal.Node;
using Seratio.Portal.Pages.Shared;
using Seratio.Protocol;

namespace Seratio.Portal.Pages.DafPages;

/// <summary>
/// /daf/proposals/{id}: a proposal as the chain holds it — title, metadata, its messages decoded, deposit, the tally as
/// shares of the weight snapshotted when its vote opened with the quorum, threshold and veto it was submitted under, the
/// vote's end, the timelock, the execution's result or failure — and its votes, <see cref="VotesPerPage"/> a page
/// (<c>?votes=TOKEN</c>). Three calls to the node (four before its vote opens: the council's weight now).
/// </summary>
public sealed class ProposalModel(PortalNode node) : PageModel
{
    public const string VotesParameter = "votes";
    public const uint VotesPerPage = 100;

    public ProposalState Proposal { get; private set; } = new();
    public ulong Height { get; private set; }
    public ulong TotalWeight { get; private set; }
    public ListVotesResponse Votes { get; private set; } = new();
    public Pager Pager { get; private set; } = new(null, null, "votes");

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        if (!BadInput.TryId(id, out var proposalId)) return BadInput.Page(BadInput.NotAnId("proposal", id));
        if (!NodePaging.TryToken(Request, VotesParameter, out var token))
            return BadInput.Page($"the votes page token is not one the node gave: at most {NodePaging.MaxTokenChars} printable characters, given once");
        var response = await node.Api.GetProposalAsync(new GetProposalRequest { Id = proposalId }, node.Call(ct));
        Proposal = response.Proposal;
        Height = response.Height;
        TotalWeight = Proposal.TotalWeight != 0 ? Proposal.TotalWeight
            : (await node.Api.GetMembersAsync(new GetMembersRequest { Height = Height }, node.Call(ct))).TotalWeight;
        Votes = await node.Api.ListVotesAsync(new ListVotesRequest { ProposalId = proposalId, PageToken = token, PageSize = VotesPerPage, Height = Height }, node.Call(ct));
        Pager = NodePaging.Links(Request, VotesParameter, token, Votes.NextPageToken, "votes");
        return Page();
    }
}
