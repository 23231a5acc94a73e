using System.Text.Json;
using System.Text.Json.Serialization;
using Seratio.Cli.Cli;

namespace Seratio.Cli.Anchor;

/// <summary>
/// <c>anchor.json</c> in a devnet home: where <c>seratio devnet --anchor</c> anchors (per chain its name, JSON-RPC URL, EVM
/// chain id, contract and the relayer's outbox) and the node API the relayers read, so that <c>seratio anchor status</c>
/// finds them. Written when the devnet's anchoring is up, deleted when it stops. Immutable.
/// </summary>
internal sealed record AnchorFile
{
    public const string FileName = "anchor.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>The node API URL the relayers read checkpoints from.</summary>
    [JsonPropertyName("node")] public required string Node { get; init; }

    /// <summary>One entry per EVM chain, eth first.</summary>
    [JsonPropertyName("chains")] public required IReadOnlyList<AnchorChain> Chains { get; init; }

    public static string PathIn(string home) => System.IO.Path.Combine(System.IO.Path.GetFullPath(home), FileName);

    /// <summary>Reads the file of the devnet in <paramref name="home"/>.</summary>
    /// <exception cref="CommandException">there is none, or it is not an anchor file; the message says what to do.</exception>
    public static AnchorFile Load(string home)
    {
        var path = PathIn(home);
        if (!File.Exists(path))
            throw CommandException.Failed(
                $"no {FileName} in {System.IO.Path.GetFullPath(home)}: start the devnet with `seratio devnet --anchor` (and the same --home), " +
                "or name a chain with --rpc URL --contract ADDR --chain eth|etc");
        try
        {
            var file = JsonSerializer.Deserialize<AnchorFile>(File.ReadAllText(path), Json);
            if (file is null || file.Chains.Count == 0) throw new JsonException("no chains");
            return file;
        }
        catch (JsonException e)
        {
            throw CommandException.Failed($"{path} is not an anchor file ({e.Message}); start the devnet with --anchor again to rewrite it");
        }
    }

    /// <summary>Writes the file atomically (a temporary file renamed over it).</summary>
    public void Save(string home)
    {
        var path = PathIn(home);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, Json));
        File.Move(temporary, path, overwrite: true);
    }

    public static void Delete(string home) => File.Delete(PathIn(home));
}

/// <summary>One anchored EVM chain in <see cref="AnchorFile"/>. Immutable.</summary>
internal sealed record AnchorChain
{
    /// <summary>The anchor target's name on the Seratio chain (eth, etc).</summary>
    [JsonPropertyName("name")] public required string Name { get; init; }

    /// <summary>The EVM node's JSON-RPC URL.</summary>
    [JsonPropertyName("rpc")] public required string Rpc { get; init; }

    [JsonPropertyName("evm_chain_id")] public required long EvmChainId { get; init; }

    /// <summary>The anchor contract's address, 0x + 40 hex.</summary>
    [JsonPropertyName("contract")] public required string Contract { get; init; }

    /// <summary>The relayer's outbox file.</summary>
    [JsonPropertyName("outbox")] public required string Outbox { get; init; }
}
