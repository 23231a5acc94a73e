using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Seratio.Portal.Node;
using Seratio.Protocol;

namespace Seratio.Portal.Pages.Explorer;

/// <summary>
/// /validators: the set and its power, the consensus round as this node sees it (who prevoted and precommitted, kept live
/// by /static/js/live.js), who is missing from the latest block's commit, and the latest committed evidence.
/// </summary>
public sealed class ValidatorsModel(PortalNode node) : PageModel
{
    /// <summary>Evidence records shown, the newest.</summary>
    public const uint EvidenceShown = 20;

    public ValidatorsResponse Set { get; private set; } = new();
    public ConsensusState? Round { get; private set; }
    public ulong CommitHeight { get; private set; }
    public HashSet<ByteString> Signed { get; } = [];
    public EvidenceResponse Evidence { get; private set; } = new();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Set = await node.Api.GetValidatorsAsync(new GetValidatorsRequest(), node.Call(ct));
        try
        {
            Round = await node.Api.GetConsensusStateAsync(new GetConsensusStateRequest(), node.Call(ct));
        }
        catch (RpcException e) when (e.StatusCode is Grpc.Core.StatusCode.Unimplemented or Grpc.Core.StatusCode.Unavailable)
        {
            Round = null;
        }
        var status = await node.Api.GetStatusAsync(new GetStatusRequest(), node.Call(ct));
        if (status.LatestHeight > 0)
        {
            var latest = await node.Api.GetBlockAsync(new GetBlockRequest { Height = status.LatestHeight }, node.Call(ct));
            var commit = latest.Commit ?? null;
            if (commit is not null)
            {
                CommitHeight = commit.Height;
                foreach (var sig in commit.Signatures) Signed.Add(sig.Validator);
            }
        }
        var count = await node.Api.GetEvidenceAsync(new GetEvidenceRequest { Limit = 1 }, node.Call(ct));
        Evidence = count.Total == 0 ? count : await node.Api.GetEvidenceAsync(
            new GetEvidenceRequest { Offset = count.Total > EvidenceShown ? count.Total - EvidenceShown : 0, Limit = EvidenceShown }, node.Call(ct));
    }

    public static string Vote(RoundVote? vote) => vote?.Kind switch
    {
        RoundVoteKind.Block => $"block {Shared.Format.Short(vote.BlockHash)}",
        RoundVoteKind.Nil => "nil",
        _ => "not yet",
    };
}
