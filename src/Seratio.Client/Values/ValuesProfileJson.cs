using System.Text;
using System.Text.Json;

namespace Seratio.Client.Values;

/// <summary>
/// A values profile as JSON (docs/values-navigator.md, "The profile"):
/// <c>{"labels":{"sdg:13":5},"minRatio":"1.5","certificateWeight":1,"provenanceWeight":0,"maxProvenanceDepth":4}</c>.
/// Every field is optional (the defaults are those of <see cref="ValuesProfile.Empty"/>); an unknown field, a wrong
/// type, a fraction or anything out of bounds is refused with one sentence naming it. Serialisation is canonical:
/// fields in that order, labels sorted, no spaces, so the same profile is always the same bytes. Stateless.
/// </summary>
public static class ValuesProfileJson
{
    /// <summary>The largest profile document accepted, in UTF-8 bytes (32 labels of 64 characters fit several times over).</summary>
    public const int MaxBytes = 16 * 1024;

    private static readonly string[] Fields = ["labels", "minRatio", "certificateWeight", "provenanceWeight", "maxProvenanceDepth"];

    public static ProfileResult Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        int bytes = Encoding.UTF8.GetByteCount(json);
        if (bytes > MaxBytes) return ProfileResult.Fail($"the profile is {bytes} bytes; at most {MaxBytes}");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 4 });
        }
        catch (JsonException ex)
        {
            return ProfileResult.Fail($"the profile is not JSON: {ex.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return ProfileResult.Fail("the profile must be a JSON object like {\"labels\":{\"sdg:13\":5}}");
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                if (Array.IndexOf(Fields, property.Name) < 0)
                    return ProfileResult.Fail($"unknown field '{property.Name}'; a profile has {string.Join(", ", Fields)}");
                if (!seen.Add(property.Name)) return ProfileResult.Fail($"field '{property.Name}' is given twice");
            }

            var labels = new List<LabelWeight>();
            if (root.TryGetProperty("labels", out var labelsElement))
            {
                if (labelsElement.ValueKind != JsonValueKind.Object)
                    return ProfileResult.Fail("labels must be an object of label to weight, like {\"sdg:13\":5}");
                foreach (var label in labelsElement.EnumerateObject())
                {
                    if (labels.Count == ValuesProfile.MaxLabels)
                        return ProfileResult.Fail($"more than {ValuesProfile.MaxLabels} labels given; a profile weighs at most {ValuesProfile.MaxLabels}");
                    if (Integer(label.Value, $"the weight of label '{label.Name}'", out var weight) is { } error) return ProfileResult.Fail(error);
                    labels.Add(new LabelWeight(label.Name, weight));
                }
            }

            string minRatio = "";
            if (root.TryGetProperty("minRatio", out var ratio))
            {
                if (ratio.ValueKind == JsonValueKind.String) minRatio = ratio.GetString()!;
                else if (ratio.ValueKind == JsonValueKind.Number) minRatio = ratio.GetRawText();
                else return ProfileResult.Fail("minRatio must be a number or a string like \"1.5\"");
            }

            int certificate = ValuesProfile.Empty.CertificateWeight, provenance = ValuesProfile.Empty.ProvenanceWeight, depth = ValuesProfile.Empty.MaxProvenanceDepth;
            if (root.TryGetProperty("certificateWeight", out var c) && Integer(c, "certificateWeight", out certificate) is { } e1) return ProfileResult.Fail(e1);
            if (root.TryGetProperty("provenanceWeight", out var p) && Integer(p, "provenanceWeight", out provenance) is { } e2) return ProfileResult.Fail(e2);
            if (root.TryGetProperty("maxProvenanceDepth", out var d) && Integer(d, "maxProvenanceDepth", out depth) is { } e3) return ProfileResult.Fail(e3);
            return ValuesProfile.Create(labels, minRatio, certificate, provenance, depth);
        }
    }

    /// <summary>The canonical JSON of <paramref name="profile"/>; <see cref="Parse"/> gives the same profile back.</summary>
    public static string Serialize(ValuesProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
            Write(writer, profile);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static void Write(Utf8JsonWriter writer, ValuesProfile profile)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("labels");
        foreach (var (label, weight) in profile.Labels) writer.WriteNumber(label, weight);
        writer.WriteEndObject();
        writer.WriteString("minRatio", profile.MinRatioText);
        writer.WriteNumber("certificateWeight", profile.CertificateWeight);
        writer.WriteNumber("provenanceWeight", profile.ProvenanceWeight);
        writer.WriteNumber("maxProvenanceDepth", profile.MaxProvenanceDepth);
        writer.WriteEndObject();
    }

    private static string? Integer(JsonElement element, string what, out int value)
    {
        value = 0;
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out value))
            return $"{what} must be a whole number, not {Shown(element)}";
        return null;
    }

    private static string Shown(JsonElement element)
    {
        var raw = element.GetRawText();
        return raw.Length <= 40 ? raw : raw[..40] + "…";
    }
}
