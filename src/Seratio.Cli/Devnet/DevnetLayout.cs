namespace Seratio.Cli.Devnet;

/// <summary>
/// Where a devnet keeps its files: DIR/validator-N/{config/genesis.json, config/node.json,
/// keys/validator.devnet-unsafe.key, data/} per validator, DIR/keys/dev-N.devnet-unsafe.key for
/// the funded development accounts, and DIR/devnet.json marking the folder as a devnet. Pure paths.
/// </summary>
internal sealed class DevnetLayout(string home)
{
    public const string ValidatorKeyFile = "validator.devnet-unsafe.key";

    public string Home { get; } = Path.GetFullPath(home);
    public string Marker => Path.Combine(Home, "devnet.json");
    public string KeysDir => Path.Combine(Home, "keys");

    public string ValidatorHome(int index) => Path.Combine(Home, DevnetKeys.ValidatorName(index));
    public string GenesisPath(int index) => Path.Combine(ValidatorHome(index), "config", "genesis.json");
    public string NodeConfigPath(int index) => Path.Combine(ValidatorHome(index), "config", "node.json");
    public string ValidatorKeyPath(int index) => Path.Combine(ValidatorHome(index), "keys", ValidatorKeyFile);
    public string DevAccountKeyPath(int index) => Path.Combine(KeysDir, DevnetKeys.DevAccountName(index) + Tx.SignerResolver.DevnetKeySuffix);

    /// <summary>True when the folder holds a complete single-validator devnet.</summary>
    public bool IsComplete =>
        File.Exists(Marker) && File.Exists(GenesisPath(0)) && File.Exists(NodeConfigPath(0)) && File.Exists(ValidatorKeyPath(0));
}
