using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Seratio.Core.Crypto;
using Seratio.Core.State;
using Seratio.Protocol;

namespace Seratio.Core.Tests.State.Vectors;

/// <summary>
/// Writes and reads the vector file format of docs/state-proofs.md: JSON, every byte string a
/// 0x-prefixed lower-case hex string ("0x" when empty), so a Solidity test can read it with
/// Foundry's parseJson.
/// </summary>
internal static class VectorJson
{
    public const string Format = "seratio-state-proof-vectors/1";

    public static string Write(VectorFile file)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteString("description", file.Description);
            w.WriteStartArray("entries");
            foreach (var (key, value) in file.Entries)
            {
                w.WriteStartObject();
                w.WriteString("key", Hex(key.ToArray()));
                w.WriteString("value", Hex(value));
                w.WriteString("value_hash", Hex(SparseMerkleTree.HashValue(value).ToArray()));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteString("root", Hex(file.Root.ToArray()));
            w.WriteStartArray("cases");
            foreach (var c in file.Cases)
            {
                w.WriteStartObject();
                w.WriteString("name", c.Name);
                w.WriteBoolean("valid", c.Valid);
                w.WriteString("why", c.Why);
                w.WriteString("root", Hex(c.Root.ToArray()));
                w.WriteStartObject("proof");
                var p = c.Proof;
                w.WriteString("key", Hex(p.Key));
                w.WriteBoolean("exists", p.Exists);
                w.WriteString("value", Hex(p.Value));
                w.WriteString("other_leaf_key", Hex(p.OtherLeafKey));
                w.WriteString("other_leaf_value_hash", Hex(p.OtherLeafValueHash));
                w.WriteString("sibling_bitmap", Hex(p.SiblingBitmap));
                w.WriteStartArray("siblings");
                foreach (var s in p.Siblings) w.WriteStringValue(Hex(s));
                w.WriteEndArray();
                w.WriteNumber("depth", p.Depth);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>Reads the cases of a vector file: (name, valid, root, proof).</summary>
    public static IEnumerable<(string Name, bool Valid, Hash32 Root, StateProof Proof)> ReadCases(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        if (root.GetProperty("format").GetString() != Format) throw new FormatException("unknown vector format");
        var result = new List<(string, bool, Hash32, StateProof)>();
        foreach (var c in root.GetProperty("cases").EnumerateArray())
        {
            var p = c.GetProperty("proof");
            var proof = new StateProof
            {
                Key = Bytes(p, "key"),
                Exists = p.GetProperty("exists").GetBoolean(),
                Value = Bytes(p, "value"),
                OtherLeafKey = Bytes(p, "other_leaf_key"),
                OtherLeafValueHash = Bytes(p, "other_leaf_value_hash"),
                SiblingBitmap = Bytes(p, "sibling_bitmap"),
                Depth = p.GetProperty("depth").GetUInt32(),
            };
            foreach (var s in p.GetProperty("siblings").EnumerateArray()) proof.Siblings.Add(FromHex(s.GetString()!));
            result.Add((c.GetProperty("name").GetString()!, c.GetProperty("valid").GetBoolean(), new Hash32(FromHex(c.GetProperty("root").GetString()!).Span), proof));
        }
        return result;
    }

    /// <summary>Reads the entries and root of a vector file.</summary>
    public static (List<(Hash32 Key, byte[] Value)> Entries, Hash32 Root) ReadTree(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var entries = new List<(Hash32, byte[])>();
        foreach (var e in doc.RootElement.GetProperty("entries").EnumerateArray())
            entries.Add((new Hash32(Bytes(e, "key").Span), Bytes(e, "value").ToByteArray()));
        return (entries, new Hash32(Bytes(doc.RootElement, "root").Span));
    }

    private static ByteString Bytes(JsonElement element, string name) => FromHex(element.GetProperty(name).GetString()!);

    private static ByteString FromHex(string hex)
    {
        if (!hex.StartsWith("0x", StringComparison.Ordinal)) throw new FormatException($"'{hex}' lacks the 0x prefix");
        return ByteString.CopyFrom(Convert.FromHexString(hex.AsSpan(2)));
    }

    private static string Hex(byte[] bytes) => "0x" + Convert.ToHexStringLower(bytes);
    private static string Hex(ByteString bytes) => Hex(bytes.ToByteArray());
}
