using System.Collections.Immutable;
using CsCheck;
using Seratio.Client.Values;

namespace Seratio.Portal.Tests.Navigator;

/// <summary>
/// The navigator's promises over generated profiles and chains (CsCheck prints a failing seed to replay): more weight on
/// a label never lowers an entity carrying it on a counted certificate, nor its place; a revoked certificate never adds; the ranking is a
/// permutation of the entities whatever order they come in; the same input gives the same bytes; reasons add up.
/// </summary>
public sealed class ValuesScorerPropertyTests
{
    private static readonly string[] Pool = ["sdg:1", "sdg:6", "sdg:13", "SDG:13", "sdg:17", "fair-trade", "local"];

    private static readonly Gen<CertificateStanding> Standing = Gen.Int[0, 4].Select(i => (CertificateStanding)i);

    private static readonly Gen<ImmutableArray<string>> LabelSet =
        Gen.Int[0, (1 << Pool.Length) - 1].Select(mask => Pool.Where((_, i) => (mask & (1 << i)) != 0).ToImmutableArray());

    private static readonly Gen<(CertificateStanding, long, ImmutableArray<string>)> CertParts =
        Gen.Select(Standing, Gen.Long[0, 5_000_000_000_000_000_000], LabelSet);

    /// <summary>Entities 1..n (distinct ids), certificates with distinct ids across the chain.</summary>
    private static readonly Gen<ImmutableArray<EntityEvidence>> Chain =
        Gen.Select(CertParts.Array[0, 4], Gen.Int[0, 6], Gen.Int[0, 6]).Array[0, 12].Select(parts =>
        {
            ulong nextCert = 1;
            return parts.Select((p, i) => new EntityEvidence((ulong)(i + 1), $"e{i + 1}", "project",
                    [.. p.Item1.Select(c => new CertificateEvidence(nextCert++, c.Item1, c.Item2, c.Item3))],
                    ProvenanceRecords: p.Item2 + p.Item3, ProvenanceDepth: p.Item2))
                .ToImmutableArray();
        });

    private static readonly Gen<ValuesProfile> Profiles =
        Gen.Select(Gen.Int[0, (1 << 5) - 1], Gen.Int[0, 100].Array[5], Gen.Long[0, 5_000_000_000_000_000_000], Gen.Int[0, 100], Gen.Int[0, 100], Gen.Int[1, 16],
            (mask, weights, min, certificate, provenance, depth) =>
            {
                // Pool's first five are distinct ignoring case ("SDG:13" comes after "sdg:13" in the pool).
                string[] distinct = ["sdg:1", "sdg:6", "sdg:13", "sdg:17", "fair-trade"];
                var labels = distinct.Select((l, i) => new LabelWeight(l, weights[i])).Where((_, i) => (mask & (1 << i)) != 0);
                var ratio = Seratio.Vm.Modules.Certificates.SeRatio.Format(min);
                return ValuesProfile.Create(labels, ratio, certificate, provenance, depth).Profile!;
            });

    [Fact]
    public void MoreWeightOnALabel_NeverLowersAnEntityCarryingIt_NorItsPlace()
    {
        Gen.Select(Profiles, Chain, Gen.Int[0, 4], Gen.Int[1, 100]).Sample((profile, chain, pick, more) =>
        {
            string label = new[] { "sdg:1", "sdg:6", "sdg:13", "sdg:17", "fair-trade" }[pick];
            int before = profile.WeightOf(label) ?? 0;
            var heavier = profile.With(label, Math.Min(ValuesProfile.MaxWeight, before + more)).Profile!;
            var rankBefore = ValuesScorer.Rank(profile, chain).ToDictionary(r => r.Scored.Entity.Id);
            var rankAfter = ValuesScorer.Rank(heavier, chain).ToDictionary(r => r.Scored.Entity.Id);
            foreach (var entity in chain)
            {
                var (b, a) = (rankBefore[entity.Id], rankAfter[entity.Id]);
                // Carrying it means on a certificate that counts (active, ratio at least the minimum); elsewhere it adds nothing.
                bool carries = entity.Certificates.Any(c => c.Standing == CertificateStanding.Active && c.Ratio >= profile.MinRatio
                    && c.Labels.Contains(label, ValuesProfile.LabelComparer));
                if (carries)
                {
                    Assert.True(a.Scored.Score >= b.Scored.Score, $"entity {entity.Id} fell from {b.Scored.Score} to {a.Scored.Score}");
                    Assert.True(a.Rank <= b.Rank, $"entity {entity.Id} fell from place {b.Rank} to {a.Rank}");
                }
                else Assert.Equal(b.Scored.Score, a.Scored.Score);
            }
        });
    }

    [Fact]
    public void ARevokedCertificate_NeverAdds()
    {
        Gen.Select(Profiles, Chain, LabelSet, Gen.Long[0, 5_000_000_000_000_000_000]).Sample((profile, chain, labels, ratio) =>
        {
            foreach (var entity in chain)
            {
                long score = ValuesScorer.Score(profile, entity).Score;
                // A revoked certificate added (with any id, labels, ratio) changes nothing...
                var withRevoked = entity with { Certificates = entity.Certificates.Add(new CertificateEvidence(0, CertificateStanding.Revoked, ratio, labels)) };
                Assert.Equal(score, ValuesScorer.Score(profile, withRevoked).Score);
                // ...and revoking any of its certificates never raises the score.
                for (int i = 0; i < entity.Certificates.Length; i++)
                {
                    var revoked = entity with { Certificates = entity.Certificates.SetItem(i, entity.Certificates[i] with { Standing = CertificateStanding.Revoked }) };
                    Assert.True(ValuesScorer.Score(profile, revoked).Score <= score);
                }
            }
        });
    }

    [Fact]
    public void TheRanking_IsAPermutationOfTheEntities_WhateverTheirOrder()
    {
        Gen.Select(Profiles, Chain, Gen.Int.Array[12]).Sample((profile, chain, keys) =>
        {
            var shuffled = chain.Select((e, i) => (e, keys[i])).OrderBy(p => p.Item2).Select(p => p.e).Reverse().ToList();
            var ranking = ValuesScorer.Rank(profile, chain);
            var again = ValuesScorer.Rank(profile, shuffled);

            Assert.Equal(chain.Select(e => e.Id).Order(), ranking.Select(r => r.Scored.Entity.Id).Order());
            Assert.Equal(ranking.Select(r => (r.Rank, r.Scored.Entity.Id, r.Scored.Score)), again.Select(r => (r.Rank, r.Scored.Entity.Id, r.Scored.Score)));
            for (int i = 1; i < ranking.Length; i++)
            {
                var (prev, next) = (ranking[i - 1].Scored, ranking[i].Scored);
                Assert.True(prev.Score > next.Score || (prev.Score == next.Score && prev.Entity.Id < next.Entity.Id));
            }
        });
    }

    [Fact]
    public void TheSameInput_GivesTheSameBytes_AndReasonsAddUpToTheScore()
    {
        Gen.Select(Profiles, Chain).Sample((profile, chain) =>
        {
            var snapshot = new EvidenceSnapshot(7, chain, 1, []);
            var first = RankingJson.Write(profile, snapshot, ValuesScorer.Rank(profile, chain));
            var second = RankingJson.Write(ValuesProfileJson.Parse(ValuesProfileJson.Serialize(profile)).Profile!, snapshot, ValuesScorer.Rank(profile, chain.Reverse()));
            Assert.Equal(first, second);
            foreach (var e in chain)
            {
                var scored = ValuesScorer.Score(profile, e);
                Assert.Equal(scored.Score, scored.Reasons.Sum(r => r.Points));
            }
        });
    }

    [Fact]
    public void AProfile_SurvivesItsJson()
    {
        Profiles.Sample(profile =>
        {
            var json = ValuesProfileJson.Serialize(profile);
            var back = ValuesProfileJson.Parse(json);
            Assert.Null(back.Error);
            Assert.Equal(json, ValuesProfileJson.Serialize(back.Profile!));
            Assert.Equal(profile.MinRatio, back.Profile!.MinRatio);
        });
    }
}
