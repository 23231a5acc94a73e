using System.Collections.Immutable;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Seratio.Client.Values;

/// <summary>
/// A ranking as one JSON document, the same for the portal's /api/navigator/rank and <c>seratio values rank --json</c>:
/// the height read, the profile (canonical), the reader's notes, then each entity in order with its place, score and
/// reasons. Field order is fixed; the same ranking is the same bytes. Strings are escaped for JSON only ("×" stays
/// itself): readers put them in text nodes, never in HTML. Stateless.
/// </summary>
public static class RankingJson
{
    public static string Write(ValuesProfile profile, EvidenceSnapshot snapshot, ImmutableArray<RankedEntity> ranking)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(snapshot);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteNumber("height", snapshot.Height);
            w.WriteNumber("entitiesConsidered", snapshot.Entities.Length);
            w.WriteNumber("calls", snapshot.Calls);
            w.WriteStartArray("notes");
            foreach (var note in snapshot.Notes) w.WriteStringValue(note);
            w.WriteEndArray();
            w.WritePropertyName("profile");
            ValuesProfileJson.Write(w, profile);
            w.WriteStartArray("ranking");
            foreach (var ranked in ranking)
            {
                var e = ranked.Scored.Entity;
                w.WriteStartObject();
                w.WriteNumber("rank", ranked.Rank);
                w.WriteNumber("entity", e.Id);
                w.WriteString("name", e.Name);
                w.WriteString("kind", e.Kind);
                w.WriteNumber("score", ranked.Scored.Score);
                w.WriteStartArray("reasons");
                foreach (var r in ranked.Scored.Reasons)
                {
                    w.WriteStartObject();
                    w.WriteString("kind", Kind(r.Kind));
                    w.WriteNumber("points", r.Points);
                    if (r.Certificate is { } c) w.WriteNumber("certificate", c);
                    if (r.Label is { } l) w.WriteString("label", l);
                    w.WriteString("text", r.Text);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The JSON name of a reason's kind: certificate, label, provenance, excluded, note.</summary>
    public static string Kind(ReasonKind kind) => kind switch
    {
        ReasonKind.Certificate => "certificate",
        ReasonKind.Label => "label",
        ReasonKind.Provenance => "provenance",
        ReasonKind.Excluded => "excluded",
        _ => "note",
    };
}
