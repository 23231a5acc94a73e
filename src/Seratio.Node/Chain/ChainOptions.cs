using Microsoft.Extensions.Options;

namespace Seratio.Node.Chain;

/// <summary>Where the chain lives (configuration section "Chain"); relative paths are relative to the node's home.</summary>
public sealed class ChainOptions
{
    public const string Section = "Chain";

    /// <summary>Data folder: RocksDB in DATA/chain, the signer state in DATA/signer-state.bin. Default "data".</summary>
    public string DataDir { get; set; } = "data";

    /// <summary>Genesis document. Default "config/genesis.json".</summary>
    public string GenesisFile { get; set; } = "config/genesis.json";

    /// <summary>Validator key; when the file does not exist the node does not produce blocks. Default "keys/validator.devnet-unsafe.key".</summary>
    public string ValidatorKeyFile { get; set; } = "keys/validator.devnet-unsafe.key";

    /// <summary>File holding the passphrase of an encrypted validator key (relative to home); unused for throw-away keys.</summary>
    public string? ValidatorKeyPassphraseFile { get; set; }

    public string ChainPath(string home) => Path.Combine(Path.GetFullPath(DataDir, home), "chain");
    public string SignerStatePath(string home) => Path.Combine(Path.GetFullPath(DataDir, home), "signer-state.bin");
    public string GenesisPath(string home) => Path.GetFullPath(GenesisFile, home);
    public string ValidatorKeyPath(string home) => Path.GetFullPath(ValidatorKeyFile, home);
    public string? ValidatorKeyPassphrasePath(string home) =>
        string.IsNullOrWhiteSpace(ValidatorKeyPassphraseFile) ? null : Path.GetFullPath(ValidatorKeyPassphraseFile, home);
}

/// <summary>Checks <see cref="ChainOptions"/> at start. Stateless; thread safe.</summary>
public sealed class ChainOptionsValidator : IValidateOptions<ChainOptions>
{
    public ValidateOptionsResult Validate(string? name, ChainOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.DataDir)) return ValidateOptionsResult.Fail("Chain:DataDir must name a folder");
        if (string.IsNullOrWhiteSpace(options.GenesisFile)) return ValidateOptionsResult.Fail("Chain:GenesisFile must name a file");
        if (string.IsNullOrWhiteSpace(options.ValidatorKeyFile)) return ValidateOptionsResult.Fail("Chain:ValidatorKeyFile must name a file");
        return ValidateOptionsResult.Success;
    }
}
