using Microsoft.Extensions.Options;
using Seratio.Bridges.Relaying;

namespace Seratio.Node.Relaying;

/// <summary>
/// The anchor relayers a node runs inside itself (configuration section "Relayers"; docs/anchoring.md "Relayers",
/// docs/operations.md "Hosted relayers"): none by default. Mutable only while the host binds it.
/// </summary>
public sealed class RelayersOptions
{
    public const string Section = "Relayers";

    /// <summary>One relayer per entry, each anchoring one target to its EVM chain. Empty (the default): no relayer runs.</summary>
    public List<RelayerTargetOptions> Targets { get; set; } = [];
}

/// <summary>
/// One hosted relayer (<c>Relayers:Targets:N</c>). Paths are relative to the node's home. The chain id is asked of the
/// EVM node when not given; the transaction type follows the target (etc: legacy type 0) unless <see cref="Type0"/> says.
/// Mutable only while the host binds it.
/// </summary>
public sealed class RelayerTargetOptions
{
    /// <summary>The anchor target's name on the Seratio chain ("eth", "etc"). Default "eth".</summary>
    public string Target { get; set; } = "eth";

    /// <summary>The EVM node's JSON-RPC URL. Required.</summary>
    public string RpcUrl { get; set; } = "";

    /// <summary>The anchor contract's address (0x + 40 hex). Required.</summary>
    public string Contract { get; set; } = "";

    /// <summary>The relayer account's key file (<see cref="RelayerKeyFile"/>: keystore v3, or plain). Required.</summary>
    public string KeyFile { get; set; } = "";

    /// <summary>File whose first line is the passphrase of an encrypted <see cref="KeyFile"/>. Default none.</summary>
    public string? KeyPassphraseFile { get; set; }

    /// <summary>The EVM chain id (EIP-155); 0 (the default): asked of the EVM node (<c>eth_chainId</c>) when the relayer starts.</summary>
    public long EvmChainId { get; set; }

    /// <summary>Legacy type-0 transactions (true) or EIP-1559 type 2 (false); unset (the default): type 0 for target "etc", type 2 otherwise.</summary>
    public bool? Type0 { get; set; }

    /// <summary>Confirmation depth; 0 (the default): 4,000 for target "etc", 64 otherwise.</summary>
    public int Confirmations { get; set; }

    /// <summary>The outbox file; empty (the default): <c>data/relayer-TARGET.outbox.json</c> in the home.</summary>
    public string OutboxPath { get; set; } = "";

    /// <summary>Milliseconds between rounds, 50..600000. Default 2000.</summary>
    public int PollIntervalMs { get; set; } = 2000;

    /// <summary>Longest wait in milliseconds between failed rounds (doubling from PollIntervalMs, never below it), 50..3600000. Default 60000.</summary>
    public int MaxBackoffMs { get; set; } = 60_000;

    /// <summary>Gas limit of each submitCheckpoint, 100000..10000000. Default 1000000.</summary>
    public long GasLimit { get; set; } = 1_000_000;

    /// <summary>Type-2 tip in wei, 0..10^12. Default 1000000000 (1 gwei).</summary>
    public long PriorityFeeWei { get; set; } = 1_000_000_000;

    /// <summary>Blocks a transaction may wait unmined before a fee bump, 1..10000. Default 5.</summary>
    public int BumpAfterBlocks { get; set; } = 5;

    /// <summary>Milliseconds a transaction may wait unmined before a fee bump, 1000..3600000. Default 60000.</summary>
    public int BumpAfterMs { get; set; } = 60_000;

    /// <summary>Most wei ever offered per gas, 1..10^15. Default 500000000000 (500 gwei).</summary>
    public long MaxFeePerGasWei { get; set; } = 500_000_000_000;

    /// <summary>The key file's full path.</summary>
    public string KeyPath(string home) => Path.GetFullPath(KeyFile, home);

    /// <summary>The passphrase file's full path, or null.</summary>
    public string? KeyPassphrasePath(string home) => string.IsNullOrWhiteSpace(KeyPassphraseFile) ? null : Path.GetFullPath(KeyPassphraseFile, home);

    /// <summary>The outbox's full path.</summary>
    public string OutboxFullPath(string home) =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(OutboxPath) ? Path.Combine("data", $"relayer-{Target}.outbox.json") : OutboxPath, home);

    /// <summary>The relayer's settings, with its key and the chain id (from here, or asked of the EVM node).</summary>
    public RelayerOptions ToRelayerOptions(string home, string privateKey, long evmChainId) => new()
    {
        Target = Target,
        RpcUrl = RpcUrl,
        Contract = Contract,
        PrivateKey = privateKey,
        EvmChainId = evmChainId,
        Type0 = Type0 ?? Target == "etc",
        Confirmations = Confirmations == 0 ? RelayerOptions.DefaultConfirmations(Target) : Confirmations,
        OutboxPath = OutboxFullPath(home),
        PollInterval = TimeSpan.FromMilliseconds(PollIntervalMs),
        MaxBackoff = TimeSpan.FromMilliseconds(MaxBackoffMs),
        GasLimit = GasLimit,
        PriorityFeeWei = PriorityFeeWei,
        BumpAfterBlocks = BumpAfterBlocks,
        BumpAfter = TimeSpan.FromMilliseconds(BumpAfterMs),
        MaxFeePerGasWei = MaxFeePerGasWei,
    };
}

/// <summary>
/// Checks <see cref="RelayersOptions"/> at start, naming each bad setting as <c>Relayers:Targets:N:Name</c>: every field
/// by <see cref="RelayerOptionsValidator"/>'s rules, a key file named, a chain id not negative, and no two relayers on one
/// outbox. The key files themselves are opened when the service is built (<see cref="HostedRelayers"/>). Stateless; thread safe.
/// </summary>
public sealed class RelayersOptionsValidator(string home) : IValidateOptions<RelayersOptions>
{
    private const string PlaceholderKey = "0000000000000000000000000000000000000000000000000000000000000001";

    public ValidateOptionsResult Validate(string? name, RelayersOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var outboxes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < options.Targets.Count; i++)
        {
            var target = options.Targets[i];
            string prefix = $"{RelayersOptions.Section}:Targets:{i}:";
            if (target is null)
            {
                errors.Add($"{prefix} is empty");
                continue;
            }
            if (string.IsNullOrWhiteSpace(target.KeyFile)) errors.Add($"{prefix}KeyFile is empty; name the relayer account's key file (seratio keys new-relayer writes one)");
            if (target.EvmChainId < 0) errors.Add($"{prefix}EvmChainId {target.EvmChainId} is negative; 0 asks the EVM node");
            if (target.Confirmations < 0) errors.Add($"{prefix}Confirmations {target.Confirmations} is negative; 0 takes the target's default");
            if (target.PollIntervalMs is < 50 or > 600_000) errors.Add($"{prefix}PollIntervalMs {target.PollIntervalMs} is outside 50–600000");
            if (target.BumpAfterMs is < 1000 or > 3_600_000) errors.Add($"{prefix}BumpAfterMs {target.BumpAfterMs} is outside 1000–3600000");
            if (target.MaxBackoffMs is < 50 or > 3_600_000) errors.Add($"{prefix}MaxBackoffMs {target.MaxBackoffMs} is outside 50–3600000");
            if (target.PollIntervalMs is < 50 or > 600_000 || target.BumpAfterMs is < 1000 or > 3_600_000 || target.Confirmations < 0
                || target.MaxBackoffMs is < 50 or > 3_600_000) continue;
            var relayer = target.ToRelayerOptions(home, PlaceholderKey, target.EvmChainId == 0 ? 1 : target.EvmChainId);
            var result = new RelayerOptionsValidator(prefix).Validate(name, relayer);
            if (result.Failed) errors.AddRange(result.Failures);
            if (outboxes.TryGetValue(relayer.OutboxPath, out var other))
                errors.Add($"{prefix}OutboxPath {relayer.OutboxPath} is also Relayers:Targets:{other}'s; each relayer needs an outbox of its own");
            else outboxes[relayer.OutboxPath] = i;
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
