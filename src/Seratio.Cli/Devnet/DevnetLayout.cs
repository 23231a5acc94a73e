namespace Seratio.Cli.Devnet;

/// <summary>
/// Where a devnet keeps its files: DIR/validator-N/ (one per validator){config/genesis.json, config/node.json,
/// keys/validator.devnet-unsafe.key, keys/anchor.devnet-unsafe.key, data/} per validator, DIR/keys/dev-N.devnet-unsafe.key for
/// the funded development accounts, and DIR/devnet.json marking the folder as a devnet. Pure paths.
/// </summary>
internal sealed class DevnetLayout(string home)
{
    public const string ValidatorKeyFile = "validator.devnet-unsafe.key";
    public const string AnchorKeyFile = "anchor.devnet-unsafe.key";

    public string Home { get; } = Path.GetFullPath(home);
    public string Marker => Path.Combine(Home, "devnet.json");
    public string KeysDir => Path.Combine(Home, "keys");

    public string ValidatorHome(int index) => Path.Combine(Home, DevnetKeys.ValidatorName(index));
    public string GenesisPath(int index) => Path.Combine(ValidatorHome(index), "config", "genesis.json");
    public string NodeConfigPath(int index) => Path.Combine(ValidatorHome(index), "config", "node.json");
    public string ValidatorKeyPath(int index) => Path.Combine(ValidatorHome(index), "keys", ValidatorKeyFile);
    /// <summary>Validator <paramref name="index"/>'s throw-away anchor key, where Anchoring:AnchorKeyFile looks by default.</summary>
    public string AnchorKeyPath(int index) => Path.Combine(ValidatorHome(index), "keys", AnchorKeyFile);
    public string DevAccountKeyPath(int index) => Path.Combine(KeysDir, DevnetKeys.DevAccountName(index) + Tx.SignerResolver.DevnetKeySuffix);

    /// <summary>True when the folder holds a complete devnet (of any number of validators).</summary>
    public bool IsComplete => ValidatorCount is int n && Enumerable.Range(0, n).All(i =>
        File.Exists(GenesisPath(i)) && File.Exists(NodeConfigPath(i)) && File.Exists(ValidatorKeyPath(i)));

    /// <summary>The number of validators devnet.json records (1 for a devnet written before it recorded them), or null without a marker.</summary>
    public int? ValidatorCount
    {
        get
        {
            if (!File.Exists(Marker)) return null;
            try
            {
                return System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Marker))?["validators"]?.GetValue<int>() ?? 1;
            }
            catch (System.Text.Json.JsonException) { return null; }
            catch (InvalidOperationException) { return null; }
        }
    }
}
