using System.Text.Json;
using Seratio.Consensus.Validators;
using Seratio.Core.Chain;
using Seratio.Core.Crypto;

namespace Seratio.Client.Proofs;

/// <summary>
/// The validator set a verifier decides to trust, read from <c>--trust FILE</c> (<see cref="Parse"/>): a genesis file (its validators and
/// chain id: the set of every height until the chain changes it) or the output of
/// <c>seratio validators --height H -o json</c> (the set of the heights it was taken at, with no chain id of its own).
/// Immutable; thread safe.
/// </summary>
public sealed class TrustedValidators
{
    private TrustedValidators(ValidatorSet set, string? chainId, string source)
    {
        Set = set;
        ChainId = chainId;
        Source = source;
    }

    /// <summary>The trusted set (sorted; its hash is what block headers name in <c>validators_hash</c>).</summary>
    public ValidatorSet Set { get; }

    /// <summary>The chain id the file names (genesis), or null for a validators file: then the header's chain id is used.</summary>
    public string? ChainId { get; }

    /// <summary>Where the set came from, for messages ("genesis file g.json").</summary>
    public string Source { get; }

    /// <summary>Builds a trusted set from its parts (tests, and callers holding a set already).</summary>
    public static TrustedValidators Of(ValidatorSet set, string? chainId, string source) => new(set, chainId, source);

    /// <summary>
    /// Reads <paramref name="text"/>, the contents of the file <paramref name="path"/> (named in messages);
    /// <see cref="FormatException"/> with a reason when it is neither kind of file.
    /// </summary>
    public static TrustedValidators Parse(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            root = document.RootElement.Clone();
        }
        catch (JsonException ex) { throw new FormatException($"{path} is not JSON: {ex.Message}"); }
        if (root.ValueKind != JsonValueKind.Object) throw new FormatException($"{path} is not a JSON object");

        if (root.TryGetProperty("chain_id", out _))
        {
            Genesis genesis;
            try { genesis = Genesis.Parse(text); }
            catch (Exception ex) when (ex is JsonException or FormatException) { throw new FormatException($"{path} is not a valid genesis file: {ex.Message}"); }
            return new TrustedValidators(ValidatorSet.FromGenesis(genesis), genesis.ChainId, $"genesis file {path}");
        }
        if (root.TryGetProperty("validators", out var list) && list.ValueKind == JsonValueKind.Array)
            return new TrustedValidators(FromValidatorsOutput(list, path), null, $"validators file {path}");
        throw new FormatException($"{path} is neither a genesis file (chain_id, validators) nor `seratio validators -o json` output (validators)");
    }

    private static ValidatorSet FromValidatorsOutput(JsonElement list, string path)
    {
        var validators = new List<Validator>();
        int i = 0;
        foreach (var v in list.EnumerateArray())
        {
            if (v.ValueKind != JsonValueKind.Object
                || !v.TryGetProperty("public_key", out var key) || key.GetString() is not { } hex
                || !v.TryGetProperty("power", out var power) || !power.TryGetUInt64(out ulong p))
                throw new FormatException($"{path}: validators[{i}] needs a public_key (64 hex digits) and a power");
            PublicKey publicKey;
            try { publicKey = PublicKey.FromHex(hex); }
            catch (Exception ex) when (ex is FormatException or ArgumentException) { throw new FormatException($"{path}: validators[{i}].public_key: {ex.Message}"); }
            validators.Add(new Validator(publicKey, p));
            i++;
        }
        try { return new ValidatorSet(validators); }
        catch (ArgumentException ex) { throw new FormatException($"{path}: {ex.Message}"); }
    }
}
