using Microsoft.Extensions.Options;

namespace Seratio.Node.Anchoring;

/// <summary>
/// The checkpoint signer of a validator node (configuration section "Anchoring"; docs/anchoring.md, docs/operations.md).
/// Paths are relative to the node's home. Mutable only while the host binds it.
/// </summary>
public sealed class AnchoringOptions
{
    public const string Section = "Anchoring";

    /// <summary>
    /// Whether a validator node that holds an anchor key signs checkpoints. Default true; a node without a validator key
    /// or without the anchor key file never signs.
    /// </summary>
    public bool SignCheckpoints { get; set; } = true;

    /// <summary>
    /// The secp256k1 anchor key. A name containing "unsafe" holds <c>{"private_key":"&lt;64 hex&gt;"}</c> in clear (local
    /// networks only); any other file is an Ethereum keystore v3 (scrypt, AES-128-CTR) opened with
    /// <see cref="AnchorKeyPassphraseFile"/>. Default "keys/anchor.devnet-unsafe.key".
    /// </summary>
    public string AnchorKeyFile { get; set; } = "keys/anchor.devnet-unsafe.key";

    /// <summary>File holding the passphrase of an encrypted anchor key; unused for a throw-away key. Default none.</summary>
    public string? AnchorKeyPassphraseFile { get; set; }

    /// <summary>Gas limit of each signature transaction (one message per target). Default 200,000; 50,000..10,000,000.</summary>
    public ulong GasLimit { get; set; } = 200_000;

    /// <summary>
    /// Heights to wait for a submitted signature to be committed before submitting it again (a dropped transaction,
    /// a nonce reset). Default 5; 1..1000.
    /// </summary>
    public ulong ResubmitAfterHeights { get; set; } = 5;

    /// <summary>Most recent checkpoints looked at after each block (older ones are left unsigned). Default 4; 1..64.</summary>
    public int MaxCheckpointsPerBlock { get; set; } = 4;

    public string AnchorKeyPath(string home) => Path.GetFullPath(AnchorKeyFile, home);

    public string? AnchorKeyPassphrasePath(string home) =>
        string.IsNullOrWhiteSpace(AnchorKeyPassphraseFile) ? null : Path.GetFullPath(AnchorKeyPassphraseFile, home);
}

/// <summary>Checks <see cref="AnchoringOptions"/> at start. Stateless; thread safe.</summary>
public sealed class AnchoringOptionsValidator : IValidateOptions<AnchoringOptions>
{
    public ValidateOptionsResult Validate(string? name, AnchoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.AnchorKeyFile)) return ValidateOptionsResult.Fail("Anchoring:AnchorKeyFile must name a file");
        if (options.GasLimit is < 50_000 or > 10_000_000) return ValidateOptionsResult.Fail("Anchoring:GasLimit must be 50000..10000000");
        if (options.ResubmitAfterHeights is < 1 or > 1000) return ValidateOptionsResult.Fail("Anchoring:ResubmitAfterHeights must be 1..1000");
        if (options.MaxCheckpointsPerBlock is < 1 or > 64) return ValidateOptionsResult.Fail("Anchoring:MaxCheckpointsPerBlock must be 1..64");
        return ValidateOptionsResult.Success;
    }
}
