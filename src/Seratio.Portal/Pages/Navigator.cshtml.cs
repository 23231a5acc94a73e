using System.Collections.Immutable;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Seratio.Client.Values;
using Seratio.Portal.Navigator;

namespace Seratio.Portal.Pages;

/// <summary>
/// The values navigator: a person states weights over certificate labels and a minimum S/E ratio, and the page ranks
/// the chain's entities with the reasons for each place. With script, the profile lives in the browser's localStorage
/// and the ranking comes from POST /api/navigator/rank (Static/js/navigator.js); without, this GET form carries it in
/// the query. A bad profile is a 400 page saying what is wrong.
/// </summary>
public sealed class NavigatorModel(NavigatorRanking navigator) : PageModel
{
    [FromQuery(Name = "weights")] public string? Weights { get; set; }
    [FromQuery(Name = "min")] public string? MinRatio { get; set; }
    [FromQuery(Name = "cert")] public string? CertificateWeight { get; set; }
    [FromQuery(Name = "prov")] public string? ProvenanceWeight { get; set; }
    [FromQuery(Name = "depth")] public string? MaxDepth { get; set; }

    public ValuesProfile Profile { get; private set; } = ValuesProfile.Empty;
    public string? Error { get; private set; }
    public EvidenceSnapshot? Snapshot { get; private set; }
    public ImmutableArray<RankedEntity> Ranking { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        bool asked = Weights is not null || MinRatio is not null || CertificateWeight is not null || ProvenanceWeight is not null || MaxDepth is not null;
        if (!asked) return;
        var parsed = NavigatorRanking.FromForm(Weights, MinRatio, CertificateWeight, ProvenanceWeight, MaxDepth);
        if (parsed.Profile is not { } profile)
        {
            Error = parsed.Error;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        Profile = profile;
        (Snapshot, Ranking) = await navigator.RankAsync(profile, ct);
    }

    /// <summary>The form's weights: what the person typed, or the profile's.</summary>
    public string WeightsValue => Weights ?? NavigatorRanking.WeightsText(Profile);
}
