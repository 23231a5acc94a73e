using System.Numerics;
using Grpc.Core;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Seratio.Client.Governance;
using Seratio.Core.Addressing;
using Seratio.Portal.Node;
using Seratio.Portal.Pages.Shared;
using Seratio.Protocol;

namespace Seratio.Portal.Pages.DafPages;

/// <summary>
/// /daf/grants/{id}: a grant's request, amount, stake and stakers, its conviction now against the threshold, and its
/// conviction curve over the blocks since its last stake change (<see cref="GrantProjection"/>): an open grant's up to the
/// height it would pass, a closed grant's up to its close (read from the grant as it stood the block before). One
/// staker's stake on request (<c>?staker=ser1…</c>). Three to five calls to the node.
/// </summary>
public sealed class GrantModel(PortalNode node) : PageModel
{
    public GrantResponse Grant { get; private set; } = new();
    public DafParams Params { get; private set; } = new();
    public GrantProjection? Projection { get; private set; }

    /// <summary>Why there is no curve, when there is none.</summary>
    public string NoCurve { get; private set; } = "";

    /// <summary>For a closed grant: whether the curve's value at the close equals the conviction the chain stored then.</summary>
    public bool? MatchesChain { get; private set; }

    public string Staker { get; private set; } = "";
    public GrantStakeResponse? Stake { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, [FromQuery(Name = "staker")] string? staker, CancellationToken ct)
    {
        if (!BadInput.TryId(id, out var grantId)) return BadInput.Page(BadInput.NotAnId("grant", id));
        if (staker is { Length: > 0 } && !Address.TryParse(staker, out _, out var problem))
            return BadInput.Page($"staker '{BadInput.Shorten(staker)}' is not an address: {problem}");
        Grant = await node.Api.GetGrantAsync(new GetGrantRequest { Id = grantId }, node.Call(ct));
        var g = Grant.Grant;
        if (g.Status == GrantStatus.Open)
        {
            Params = (await node.Api.GetDafParamsAsync(new GetDafParamsRequest { Height = Grant.Height }, node.Call(ct))).Params;
            Projection = GrantProjection.Open(g, Grant.Height, Grant.ThresholdNow, Params);
        }
        else await ClosedCurveAsync(g, ct);
        if (staker is { Length: > 0 })
        {
            Staker = staker;
            try { Stake = await node.Api.GetGrantStakeAsync(new GetGrantStakeRequest { GrantId = grantId, Staker = staker, Height = Grant.Height }, node.Call(ct)); }
            catch (RpcException e) when (e.StatusCode == Grpc.Core.StatusCode.NotFound) { Stake = null; }
        }
        return Page();
    }

    private async Task ClosedCurveAsync(GrantState g, CancellationToken ct)
    {
        if (g.ClosedHeight <= g.CreatedHeight) { NoCurve = "It closed in the block that opened it: no conviction built up."; return; }
        GrantResponse before;
        try
        {
            before = await node.Api.GetGrantAsync(new GetGrantRequest { Id = g.Id, Height = g.ClosedHeight - 1 }, node.Call(ct));
            Params = (await node.Api.GetDafParamsAsync(new GetDafParamsRequest { Height = g.ClosedHeight - 1 }, node.Call(ct))).Params;
        }
        catch (RpcException e) when (e.StatusCode is Grpc.Core.StatusCode.NotFound or Grpc.Core.StatusCode.InvalidArgument or Grpc.Core.StatusCode.OutOfRange or Grpc.Core.StatusCode.FailedPrecondition)
        {
            NoCurve = $"The node no longer holds the state of height {g.ClosedHeight - 1} ({e.Status.Detail}), so the stretch before the close cannot be drawn.";
            return;
        }
        Projection = GrantProjection.Closed(g, before.Grant, before.ThresholdNow, Params);
        MatchesChain = Projection.Curve.At(g.ClosedHeight) == (g.Conviction.Length == 0 ? BigInteger.Zero : BigInteger.Parse(g.Conviction, System.Globalization.CultureInfo.InvariantCulture));
    }
}
