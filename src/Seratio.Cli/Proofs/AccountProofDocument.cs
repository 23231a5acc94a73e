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
    [JsonPropertyName("block")] public BlockEvidence? Block { get; init; }
    /// <summary>The validator-set changes from height 1 to <see cref="Height"/> (empty when none), for <c>--trust genesis</c>. Absent in older documents.</summary>
    [JsonPropertyName("validator_changes")] public IReadOnlyList<ValidatorChange>? ValidatorChanges { get; init; }

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true,
    };

    public static AccountProofDocument From(string chainId, AccountResponse account, BlockEvidence? block = null, IReadOnlyList<ValidatorChange>? changes = null)
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
