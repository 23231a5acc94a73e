using System.Collections.Immutable;
using System.Numerics;
using Seratio.Client.Values;

namespace Seratio.Portal.Tests.Navigator;

/// <summary>Builders of navigator test data: profiles that must be valid, certificates and entities with readable defaults.</summary>
internal static class Build
{
    public static readonly BigInteger One = BigInteger.Pow(10, 18);

    public static ValuesProfile Profile(string labels = "", string minRatio = "0", int certificate = 1, int provenance = 0, int depth = 4)
    {
        var weights = labels.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split('='))
            .Select(p => new LabelWeight(p[0], int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture)));
        var result = ValuesProfile.Create(weights, minRatio, certificate, provenance, depth);
        return result.Profile ?? throw new InvalidOperationException(result.Error);
    }

    public static CertificateEvidence Cert(ulong id, CertificateStanding standing = CertificateStanding.Active, long ratioWhole = 3, params string[] labels) =>
        new(id, standing, ratioWhole * One, [.. labels]);

    public static EntityEvidence Entity(ulong id, params CertificateEvidence[] certificates) =>
        new(id, $"entity {id}", "project", [.. certificates], 0, 0);

    public static EntityEvidence WithProvenance(this EntityEvidence entity, int records, int depth) =>
        entity with { ProvenanceRecords = records, ProvenanceDepth = depth };

    public static ImmutableArray<string> Labels(params string[] labels) => [.. labels];
}
