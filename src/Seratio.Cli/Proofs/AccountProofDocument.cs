using System.Text.Json;
using System.Text.Json.Serialization;
using Google.Protobuf;
using Seratio.Protocol;
using Seratio.Vm.Modules.Assets;

namespace Seratio.Cli.Proofs;

/// <summary>
/// The self-contained account proof that <c>query account --prove --output json</c> prints and
/// <c>proof verify</c> checks offline: the claim (address, balance, nonce at a height under a
/// state root), the state proof and the block's header and commit certificate, binary fields in lowercase hex.
/// Immutable.
/// </summary>
internal sealed record AccountProofDocument
{
    [JsonPropertyName("chain_id")] public required string ChainId { get; init; }
    [JsonPropertyName("height")] public ulong Height { get; init; }
    [JsonPropertyName("state_root")] public required string StateRoot { get; init; }
    [JsonPropertyName("address")] public required string Address { get; init; }
    /// <summary>The account's 32-byte state key, AccountKeys.Account(address).</summary>
    [JsonPropertyName("key")] public required string Key { get; init; }
    [JsonPropertyName("balance")] public required string Balance { get; init; }
    [JsonPropertyName("nonce")] public ulong Nonce { get; init; }
    [JsonPropertyName("proof")] public required ProofJson Proof { get; init; }
    /// <summary>Block <see cref="Height"/>'s header and commit, so <c>proof verify --trust</c> needs no node. Absent in older documents.</summary>
    [JsonPropertyName("block")] public Verification.BlockEvidence? Block { get; init; }
    /// <summary>The validator-set changes from height 1 to <see cref="Height"/> (empty when none), for <c>--trust genesis</c>. Absent in older documents.</summary>
    [JsonPropertyName("validator_changes")] public IReadOnlyList<Verification.ValidatorChange>? ValidatorChanges { get; init; }

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true,
    };

    public static AccountProofDocument From(string chainId, AccountResponse account, Verification.BlockEvidence? block = null, IReadOnlyList<Verification.ValidatorChange>? changes = null)
    {
        var proof = account.Proof ?? throw new ArgumentException("the account response carries no proof", nameof(account));
        return new AccountProofDocument
        {
            ChainId = chainId,
            Height = account.Height,
            StateRoot = Hex(account.StateRoot),
            Address = account.Address,
            Key = Hex(proof.Key),
            Balance = account.Balance,
            Nonce = account.Nonce,
            Proof = ProofJson.From(proof),
            Block = block,
            ValidatorChanges = changes,
        };
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Parses a document; a malformed one throws <see cref="JsonException"/> or <see cref="FormatException"/>.</summary>
    public static AccountProofDocument Parse(string json) =>
        JsonSerializer.Deserialize<AccountProofDocument>(json, Json) ?? throw new FormatException("the document is empty");

    private static string Hex(ByteString bytes) => Convert.ToHexStringLower(bytes.Span);
}

/// <summary><see cref="StateProof"/> with its binary fields as hex.</summary>
internal sealed record ProofJson
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
