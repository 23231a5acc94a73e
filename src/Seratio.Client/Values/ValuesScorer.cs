using System.Collections.Immutable;
using System.Globalization;
using Seratio.Vm.Modules.Certificates;

namespace Seratio.Client.Values;

/// <summary>
/// The values navigator's score (docs/values-navigator.md, "The score"), in integers only:
/// <list type="number">
/// <item>each certificate, by ascending id: if it is not active it adds nothing; if its S/E ratio is below the
/// profile's minimum it adds nothing; otherwise it counts and adds the certificate weight;</item>
/// <item>each weighed label carried by a counted certificate (compared ignoring case) adds its weight once per entity,
/// from the lowest-id counted certificate carrying it;</item>
/// <item>the weighed labels that no counted certificate carries are named (when some certificate counts);</item>
/// <item>the provenance adds the provenance weight times its depth, counted up to the profile's maximum depth.</item>
/// </list>
/// Ranking orders by score descending, then entity id ascending. Pure and deterministic: the same profile and
/// evidence give the same ranking, whatever order the evidence comes in. Stateless; thread safe.
/// </summary>
public static class ValuesScorer
{
    public static EntityScore Score(ValuesProfile profile, EntityEvidence entity)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(entity);
        var reasons = ImmutableArray.CreateBuilder<ScoreReason>();
        long score = 0;
        var countedFrom = new Dictionary<string, ulong>(ValuesProfile.LabelComparer);

        var certificates = entity.Certificates.OrderBy(c => c.Id).ToList();
        if (certificates.Count == 0) reasons.Add(new ScoreReason(ReasonKind.Excluded, 0, "no certificates: adds nothing"));
        foreach (var c in certificates)
        {
            var ratio = SeRatio.Format(c.Ratio);
            if (c.Standing != CertificateStanding.Active)
            {
                reasons.Add(new ScoreReason(ReasonKind.Excluded, 0, $"certificate {Num(c.Id)} {Word(c.Standing)}: adds nothing", c.Id));
                continue;
            }
            if (c.Ratio < profile.MinRatio)
            {
                reasons.Add(new ScoreReason(ReasonKind.Excluded, 0,
                    $"certificate {Num(c.Id)}: S/E ratio {ratio} is below your minimum {profile.MinRatioText}: adds nothing", c.Id));
                continue;
            }
            score = checked(score + profile.CertificateWeight);
            reasons.Add(new ScoreReason(ReasonKind.Certificate, profile.CertificateWeight,
                $"certificate {Num(c.Id)} active, S/E ratio {ratio}: +{profile.CertificateWeight}", c.Id));
            foreach (var (label, weight) in profile.Labels)
            {
                if (!c.Labels.Contains(label, ValuesProfile.LabelComparer)) continue;
                if (countedFrom.TryGetValue(label, out var first))
                {
                    reasons.Add(new ScoreReason(ReasonKind.Excluded, 0,
                        $"certificate {Num(c.Id)} carries {label}: already counted from certificate {Num(first)}, adds nothing", c.Id, label));
                    continue;
                }
                countedFrom[label] = c.Id;
                score = checked(score + weight);
                reasons.Add(new ScoreReason(ReasonKind.Label, weight, $"certificate {Num(c.Id)} carries {label}: +{weight}", c.Id, label));
            }
        }
        var missing = profile.Labels.Where(l => !countedFrom.ContainsKey(l.Label)).Select(l => l.Label).ToList();
        if (missing.Count > 0 && reasons.Any(r => r.Kind == ReasonKind.Certificate))
            reasons.Add(new ScoreReason(ReasonKind.Excluded, 0, $"no counted certificate carries {string.Join(", ", missing)}: adds nothing"));
        if (entity.CertificatesCut)
            reasons.Add(new ScoreReason(ReasonKind.Note, 0, $"only the first {certificates.Count} certificates were read"));

        if (entity.ProvenanceDepth <= 0)
            reasons.Add(new ScoreReason(ReasonKind.Excluded, 0, "no provenance records: adds nothing"));
        else
        {
            int levels = Math.Min(entity.ProvenanceDepth, profile.MaxProvenanceDepth);
            long points = checked((long)profile.ProvenanceWeight * levels);
            score = checked(score + points);
            var counted = levels < entity.ProvenanceDepth ? $", {levels} counted" : "";
            reasons.Add(new ScoreReason(ReasonKind.Provenance, points,
                $"provenance: {Num(entity.ProvenanceRecords)} records, depth {Num(entity.ProvenanceDepth)}{counted}: {profile.ProvenanceWeight} × {levels} = +{points}"));
        }
        if (entity.ProvenanceCut)
            reasons.Add(new ScoreReason(ReasonKind.Note, 0, $"only the first {entity.ProvenanceRecords} provenance records were read"));
        return new EntityScore(entity, score, reasons.ToImmutable());
    }

    /// <summary>Every entity scored and ordered: score descending, then entity id ascending (ids must be distinct).</summary>
    /// <exception cref="ArgumentException">when two entities share an id (a caller bug: the reader gives each once).</exception>
    public static ImmutableArray<RankedEntity> Rank(ValuesProfile profile, IEnumerable<EntityEvidence> entities)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(entities);
        var list = entities.ToList();
        if (list.GroupBy(e => e.Id).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ArgumentException($"entity {twice.Key} is given {twice.Count()} times", nameof(entities));
        var ordered = list.Select(e => Score(profile, e)).OrderByDescending(s => s.Score).ThenBy(s => s.Entity.Id).ToList();
        var ranked = ImmutableArray.CreateBuilder<RankedEntity>(ordered.Count);
        for (int i = 0; i < ordered.Count; i++) ranked.Add(new RankedEntity(i + 1, ordered[i]));
        return ranked.MoveToImmutable();
    }

    private static string Word(CertificateStanding standing) => standing switch
    {
        CertificateStanding.Expired => "expired",
        CertificateStanding.Revoked => "revoked",
        CertificateStanding.Superseded => "superseded",
        CertificateStanding.Unknown => "has a status this navigator does not know",
        _ => "active",
    };

    private static string Num(ulong n) => n.ToString(CultureInfo.InvariantCulture);
    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);
}
