using System.Text.Json.Serialization;
using Google.Protobuf;
using Seratio.Protocol;

namespace Seratio.Client.Proofs;

/// <summary><see cref="StateProof"/> with its binary fields as hex, as every proof document carries it. Immutable.</summary>
public sealed record ProofJson
{
    [JsonPropertyName("key")] public required string Key { get; init; }
    [JsonPropertyName("exists")] public bool Exists { get; init; }
    [JsonPropertyName("value")] public string Value { get; init; } = "";
    [JsonPropertyName("other_leaf_key")] public string OtherLeafKey { get; init; } = "";
    [JsonPropertyName("other_leaf_value_hash")] public string OtherLeafValueHash { get; init; } = "";
    [JsonPropertyName("sibling_bitmap")] public string SiblingBitmap { get; init; } = "";
    [JsonPropertyName("siblings")] public IReadOnlyList<string> Siblings { get; init; } = [];
    [JsonPropertyName("depth")] public uint Depth { get; init; }

    public static ProofJson From(StateProof p) => new()
    {
        Key = Convert.ToHexStringLower(p.Key.Span),
        Exists = p.Exists,
        Value = Convert.ToHexStringLower(p.Value.Span),
        OtherLeafKey = Convert.ToHexStringLower(p.OtherLeafKey.Span),
        OtherLeafValueHash = Convert.ToHexStringLower(p.OtherLeafValueHash.Span),
        SiblingBitmap = Convert.ToHexStringLower(p.SiblingBitmap.Span),
        Siblings = p.Siblings.Select(s => Convert.ToHexStringLower(s.Span)).ToList(),
        Depth = p.Depth,
    };

    /// <summary>The protobuf proof; a field that is not hex throws <see cref="FormatException"/> naming it.</summary>
    public StateProof ToProto()
    {
        var proof = new StateProof
        {
            Key = Bytes("proof.key", Key),
            Exists = Exists,
            Value = Bytes("proof.value", Value),
            OtherLeafKey = Bytes("proof.other_leaf_key", OtherLeafKey),
            OtherLeafValueHash = Bytes("proof.other_leaf_value_hash", OtherLeafValueHash),
            SiblingBitmap = Bytes("proof.sibling_bitmap", SiblingBitmap),
            Depth = Depth,
        };
        for (int i = 0; i < Siblings.Count; i++) proof.Siblings.Add(Bytes($"proof.siblings[{i}]", Siblings[i]));
        return proof;
    }

    internal static ByteString Bytes(string field, string? hex)
    {
        try { return ByteString.CopyFrom(Convert.FromHexString(hex ?? "")); }
        catch (FormatException) { throw new FormatException($"{field} is not hex"); }
    }
}
