using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Google.Protobuf;
using Seratio.Core.Addressing;
using Seratio.Core.Crypto;
using Seratio.Protocol;

namespace Seratio.Core.Chain;

/// <summary>
/// The genesis <c>daf</c> section (docs/modules/daf.md, "Genesis"): the council and the DAF's parameters, written into
/// state by the Vm. <see cref="Params"/> holds DafParams fields by their snake_case proto names, each optional (the Vm
/// merges them over its defaults and validates the result). Immutable after load.
/// </summary>
public sealed record GenesisDaf
{
    /// <summary>Most members a council may have (the Vm's limit too).</summary>
    public const int MaxMembers = 1_000;

    [JsonPropertyName("members")] public IReadOnlyList<GenesisDafMember> Members { get; init; } = [];

    [JsonPropertyName("params")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonObject? Params { get; init; }

    /// <summary>The parameters given, merged over <paramref name="defaults"/> (a copy); throws <see cref="FormatException"/> on an unknown field or a bad value.</summary>
    public DafParams MergeParams(DafParams defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        var merged = defaults.Clone();
        if (Params is null) return merged;
        DafParams given;
        try
        {
            given = JsonParser.Default.Parse<DafParams>(Params.ToJsonString());
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new FormatException($"genesis daf.params: {ex.Message}", ex);
        }
        catch (InvalidJsonException ex)
        {
            throw new FormatException($"genesis daf.params: {ex.Message}", ex);
        }
        // Only the fields the section names replace a default (proto3 cannot tell an explicit 0 from an absent field).
        foreach (var (name, _) in Params)
        {
            var field = DafParams.Descriptor.FindFieldByName(name)
                ?? throw new FormatException($"genesis daf.params: unknown field '{name}'; write the snake_case names of docs/modules/daf.md, \"Parameters\"");
            field.Accessor.SetValue(merged, field.Accessor.GetValue(given));
        }
        return merged;
    }

    /// <summary>Checks members (addresses, distinct, weight ≥ 1, at most <see cref="MaxMembers"/>) and that the params parse; throws <see cref="FormatException"/>.</summary>
    public void Validate(string? authority)
    {
        if (Members.Count > MaxMembers) throw new FormatException($"genesis daf.members lists {Members.Count} members; the limit is {MaxMembers}");
        var seen = new HashSet<Address>();
        foreach (var m in Members)
        {
            if (!Address.TryParse(m.Address, out var address, out var error)) throw new FormatException($"genesis daf member: {error}");
            if (!seen.Add(address)) throw new FormatException($"genesis daf.members lists {m.Address} twice");
            if (m.Weight == 0) throw new FormatException($"genesis daf member {m.Address}: weight must be at least 1");
        }
        _ = MergeParams(new DafParams());
        if (Members.Count == 0 && authority is not null && authority == DafAddress.ToString())
            throw new FormatException("genesis authority is the DAF account but daf.members is empty: nobody could ever act as the authority");
    }

    /// <summary>The DAF's account (the Vm's Daf.Address).</summary>
    public static Address DafAddress { get; } = KeylessAddress.Of(Domains.DafAccount);
}

/// <summary>A council member at genesis: an account (bech32m) and its weight (default 1). Immutable after load.</summary>
public sealed record GenesisDafMember
{
    [JsonPropertyName("address")] public required string Address { get; init; }
    [JsonPropertyName("weight")] public ulong Weight { get; init; } = 1;
}
