using System.Text.Json;
using Seratio.Bridges.Contracts;

namespace Seratio.Bridges.Tests.Infrastructure;

/// <summary>One case of tests/vectors/state-proofs/*.json (docs/state-proofs.md). Immutable.</summary>
public sealed record StateProofVector(string File, string Name, bool Valid, string Why, byte[] Root, StateProofArgument Proof)
{
    public override string ToString() => $"{File}: {Name}";
}

/// <summary>Reads the committed state-proof vectors. Stateless.</summary>
public static class StateProofVectors
{
    /// <summary>Every case of every vector file, in file and case order.</summary>
    public static IReadOnlyList<StateProofVector> All()
    {
        var cases = new List<StateProofVector>();
        foreach (var path in Directory.EnumerateFiles(BridgePaths.StateProofVectors, "*.json").Order(StringComparer.Ordinal))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            foreach (var c in document.RootElement.GetProperty("cases").EnumerateArray())
            {
                var p = c.GetProperty("proof");
                cases.Add(new StateProofVector(
                    Path.GetFileName(path),
                    c.GetProperty("name").GetString()!,
                    c.GetProperty("valid").GetBoolean(),
                    c.GetProperty("why").GetString()!,
                    Hex(c.GetProperty("root")),
                    new StateProofArgument
                    {
                        Key = Hex(p.GetProperty("key")),
                        Exists = p.GetProperty("exists").GetBoolean(),
                        Value = Hex(p.GetProperty("value")),
                        OtherLeafKey = Hex(p.GetProperty("other_leaf_key")),
                        OtherLeafValueHash = Hex(p.GetProperty("other_leaf_value_hash")),
                        Depth = p.GetProperty("depth").GetUInt32(),
                        SiblingBitmap = Hex(p.GetProperty("sibling_bitmap")),
                        Siblings = [.. p.GetProperty("siblings").EnumerateArray().Select(Hex)],
                    }));
            }
        }
        return cases;
    }

    private static byte[] Hex(JsonElement e) => Convert.FromHexString(e.GetString()![2..]);
}
