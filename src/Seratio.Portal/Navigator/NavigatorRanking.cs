using System.Collections.Immutable;
using System.Globalization;
using Seratio.Client.Values;
using Seratio.Portal.Node;

namespace Seratio.Portal.Navigator;

/// <summary>
/// The navigator's one evidence reader for this portal (Seratio.Client's <see cref="ValuesEvidenceReader"/> over the
/// portal's node, with its bounds and short cache), shared by the /navigator page and /api/navigator/rank, and the
/// parsing of the page's form into a profile. Thread safe; one per portal.
/// </summary>
public sealed class NavigatorRanking(PortalNode node)
{
    public ValuesEvidenceReader Reader { get; } = new(node.Api, node.Call, TimeProvider.System);

    /// <summary>Reads the chain (or reuses a fresh reading) and ranks it for <paramref name="profile"/>.</summary>
    public async Task<(EvidenceSnapshot Snapshot, ImmutableArray<RankedEntity> Ranking)> RankAsync(ValuesProfile profile, CancellationToken ct)
    {
        var snapshot = await Reader.ReadAsync(ct);
        return (snapshot, ValuesScorer.Rank(profile, snapshot.Entities));
    }

    /// <summary>
    /// A profile from the page's form: <paramref name="weights"/> holds "label = weight" pairs, one per line or separated
    /// by commas; the numbers are whole numbers (empty = the default). The first problem is the error.
    /// </summary>
    public static ProfileResult FromForm(string? weights, string? minRatio, string? certificateWeight, string? provenanceWeight, string? maxDepth)
    {
        var labels = new List<LabelWeight>();
        var pairs = (weights ?? "").Split(['\n', '\r', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (pairs.Length > ValuesProfile.MaxLabels)
            return ProfileResult.Fail($"{pairs.Length} labels given; a profile weighs at most {ValuesProfile.MaxLabels}");
        foreach (var pair in pairs)
        {
            var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0)
                return ProfileResult.Fail($"'{pair}' is not \"label = weight\", e.g. \"sdg:13 = 5\"");
            if (!int.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var weight))
                return ProfileResult.Fail($"the weight of label '{parts[0]}' must be a whole number, not '{parts[1]}'");
            labels.Add(new LabelWeight(parts[0], weight));
        }
        var empty = ValuesProfile.Empty;
        if (Whole(certificateWeight, "certificate weight", empty.CertificateWeight, out int certificate) is { } e1) return ProfileResult.Fail(e1);
        if (Whole(provenanceWeight, "provenance weight", empty.ProvenanceWeight, out int provenance) is { } e2) return ProfileResult.Fail(e2);
        if (Whole(maxDepth, "deepest provenance counted", empty.MaxProvenanceDepth, out int depth) is { } e3) return ProfileResult.Fail(e3);
        return ValuesProfile.Create(labels, minRatio ?? "", certificate, provenance, depth);
    }

    /// <summary>The form's text of a profile's label weights, one "label = weight" per line.</summary>
    public static string WeightsText(ValuesProfile profile) =>
        string.Join('\n', profile.Labels.Select(l => $"{l.Label} = {l.Weight.ToString(CultureInfo.InvariantCulture)}"));

    private static string? Whole(string? text, string what, int fallback, out int value)
    {
        value = fallback;
        if (string.IsNullOrWhiteSpace(text)) return null;
        return int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)
            ? null
            : $"the {what} must be a whole number, not '{text.Trim()}'";
    }
}
