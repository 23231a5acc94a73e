using Seratio.Client.Values;
using static Seratio.Portal.Tests.Navigator.Build;

namespace Seratio.Portal.Tests.Navigator;

/// <summary>The score, rule by rule, with the reasons each rule writes (docs/values-navigator.md, "The score").</summary>
public sealed class ValuesScorerTests
{
    [Fact]
    public void ActiveCertificate_AddsTheCertificateWeight_AndEachWeighedLabelItCarries()
    {
        var profile = Profile("sdg:13=5, sdg:6=3, sdg:1=7", certificate: 10);
        var scored = ValuesScorer.Score(profile, Entity(1, Cert(1, labels: ["SDG:13", "sdg:6", "other"])));

        Assert.Equal(10 + 5 + 3, scored.Score);
        Assert.Equal(
            [
                "certificate 1 active, S/E ratio 3: +10", "certificate 1 carries sdg:13: +5", "certificate 1 carries sdg:6: +3",
                "no counted certificate carries sdg:1: adds nothing", "no provenance records: adds nothing",
            ],
            scored.Reasons.Select(r => r.Text));
        Assert.Equal(scored.Score, scored.Reasons.Sum(r => r.Points));
    }

    [Theory]
    [InlineData(CertificateStanding.Revoked, "certificate 4 revoked: adds nothing")]
    [InlineData(CertificateStanding.Expired, "certificate 4 expired: adds nothing")]
    [InlineData(CertificateStanding.Superseded, "certificate 4 superseded: adds nothing")]
    [InlineData(CertificateStanding.Unknown, "certificate 4 has a status this navigator does not know: adds nothing")]
    public void CertificateNotActive_AddsNothing_AndSaysWhy(CertificateStanding standing, string reason)
    {
        var scored = ValuesScorer.Score(Profile("sdg:13=50", certificate: 10), Entity(1, Cert(4, standing, 9, "sdg:13")));

        Assert.Equal(0, scored.Score);
        var excluded = scored.Reasons[0];
        Assert.Equal((ReasonKind.Excluded, 0L, reason, (ulong?)4), (excluded.Kind, excluded.Points, excluded.Text, excluded.Certificate));
    }

    [Fact]
    public void RatioBelowTheMinimum_AddsNothing_AndARatioEqualToItCounts()
    {
        var profile = Profile("sdg:13=5", minRatio: "2.5", certificate: 1);
        var below = ValuesScorer.Score(profile, Entity(1, new CertificateEvidence(7, CertificateStanding.Active, 25 * One / 10 - 1, Labels("sdg:13"))));
        var equal = ValuesScorer.Score(profile, Entity(2, new CertificateEvidence(8, CertificateStanding.Active, 25 * One / 10, Labels("sdg:13"))));

        Assert.Equal(0, below.Score);
        Assert.Equal("certificate 7: S/E ratio 2.499999999999999999 is below your minimum 2.5: adds nothing", below.Reasons[0].Text);
        Assert.Equal(6, equal.Score);
    }

    [Fact]
    public void ALabelOnTwoCountedCertificates_CountsOnce_FromTheLowerId()
    {
        var scored = ValuesScorer.Score(Profile("sdg:13=5", certificate: 1),
            Entity(1, Cert(9, labels: "sdg:13"), Cert(3, CertificateStanding.Revoked, 3, "sdg:13"), Cert(5, labels: "SDG:13")));

        Assert.Equal(1 + 5 + 1, scored.Score);
        Assert.Contains(scored.Reasons, r => r.Text == "certificate 5 carries sdg:13: +5");
        Assert.Contains(scored.Reasons, r => r.Text == "certificate 9 carries sdg:13: already counted from certificate 5, adds nothing");
    }

    [Fact]
    public void Provenance_AddsItsWeightPerLevel_UpToTheProfilesDepth()
    {
        var profile = Profile(provenance: 3, depth: 4);
        var shallow = ValuesScorer.Score(profile, Entity(1).WithProvenance(records: 2, depth: 2));
        var deep = ValuesScorer.Score(profile, Entity(2).WithProvenance(records: 9, depth: 7));

        Assert.Equal(6, shallow.Score);
        Assert.Contains(shallow.Reasons, r => r.Text == "provenance: 2 records, depth 2: 3 × 2 = +6");
        Assert.Equal(12, deep.Score);
        Assert.Contains(deep.Reasons, r => r.Text == "provenance: 9 records, depth 7, 4 counted: 3 × 4 = +12");
    }

    [Fact]
    public void AnEntityWithoutEvidence_ScoresZero_AndSaysSo()
    {
        var scored = ValuesScorer.Score(Profile("sdg:13=5", certificate: 10, provenance: 1), Entity(2));
        Assert.Equal(0, scored.Score);
        Assert.Equal(["no certificates: adds nothing", "no provenance records: adds nothing"], scored.Reasons.Select(r => r.Text));
    }

    [Fact]
    public void CutEvidence_IsNotedInTheReasons()
    {
        var scored = ValuesScorer.Score(Profile(), Entity(1, Cert(1)) with { CertificatesCut = true, ProvenanceRecords = 100, ProvenanceDepth = 1, ProvenanceCut = true });
        Assert.Contains(scored.Reasons, r => r.Kind == ReasonKind.Note && r.Text == "only the first 1 certificates were read");
        Assert.Contains(scored.Reasons, r => r.Kind == ReasonKind.Note && r.Text == "only the first 100 provenance records were read");
    }

    [Fact]
    public void Rank_OrdersByScoreDescending_ThenByAscendingId()
    {
        var profile = Profile("sdg:13=5", certificate: 1);
        var ranking = ValuesScorer.Rank(profile,
            [Entity(4), Entity(3, Cert(2, labels: "sdg:13")), Entity(2, Cert(1)), Entity(1), Entity(5, Cert(3, labels: "sdg:13"))]);

        Assert.Equal([3ul, 5, 2, 1, 4], ranking.Select(r => r.Scored.Entity.Id));
        Assert.Equal([1, 2, 3, 4, 5], ranking.Select(r => r.Rank));
        Assert.Equal([6L, 6, 1, 0, 0], ranking.Select(r => r.Scored.Score));
    }

    [Fact]
    public void Rank_RefusesAnEntityGivenTwice()
    {
        var ex = Assert.Throws<ArgumentException>(() => ValuesScorer.Rank(Profile(), [Entity(2), Entity(2, Cert(1))]));
        Assert.StartsWith("entity 2 is given 2 times", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new ulong[0], new ulong[0], 0)]
    [InlineData(new ulong[] { 5 }, new ulong[] { 0 }, 1)]
    [InlineData(new ulong[] { 1, 2 }, new ulong[] { 0, 1 }, 2)]
    [InlineData(new ulong[] { 1, 2, 3, 4 }, new ulong[] { 0, 1, 0, 2 }, 3)]
    [InlineData(new ulong[] { 2, 3 }, new ulong[] { 1, 99 }, 1)]
    public void ProvenanceDepth_IsTheLongestChainOfTheEntitysOwnRecords(ulong[] ids, ulong[] inputOf, int depth)
    {
        // inputOf[i] = the one input of record ids[i] (0 = none); inputs that are not among the records are not followed.
        var records = ids.Select((id, i) => (id, (IReadOnlyList<ulong>)(inputOf[i] == 0 ? [] : [inputOf[i]])));
        Assert.Equal(depth, ProvenanceDepth.Of(records));
    }
}
