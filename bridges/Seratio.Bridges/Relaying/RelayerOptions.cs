using Microsoft.Extensions.Options;

namespace Seratio.Bridges.Relaying;

/// <summary>
/// Settings of one <see cref="AnchorRelayer"/> (one EVM chain; docs/anchoring.md "Relayers").
/// A mutable options object: set it up, validate it with <see cref="RelayerOptionsValidator"/>, then hand it over.
/// </summary>
public sealed class RelayerOptions
{
    /// <summary>The anchor target's name on the Seratio chain ("eth", "etc"). Default "eth".</summary>
    public string Target { get; set; } = "eth";

    /// <summary>The EVM chain's JSON-RPC endpoint. Required.</summary>
    public string RpcUrl { get; set; } = "";

    /// <summary>The anchor contract's address (0x + 40 hex). Required.</summary>
    public string Contract { get; set; } = "";

    /// <summary>The relayer's secp256k1 private key (hex), which pays the gas. Required.</summary>
    public string PrivateKey { get; set; } = "";

    /// <summary>The EVM chain id signed into every transaction (EIP-155): 1 ETH, 61 ETC, 63 Mordor. Required.</summary>
    public long EvmChainId { get; set; }

    /// <summary>
    /// True: legacy type-0 EIP-155 transactions paying eth_gasPrice (ETC, no base fee). False: EIP-1559 type-2
    /// transactions (ETH). Default false.
    /// </summary>
    public bool Type0 { get; set; }

    /// <summary>Blocks on top of (and including) the inclusion block before a submission counts as confirmed, 1–100,000. Default 64.</summary>
    public int Confirmations { get; set; } = 64;

    /// <summary>The outbox file (JSON, written atomically). Required.</summary>
    public string OutboxPath { get; set; } = "";

    /// <summary>Time between two rounds of the relayer's loop, 50 ms – 10 min. Default 2 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gas limit of a submitCheckpoint transaction, 100,000 – 10,000,000. Default 1,000,000 (21 signers take about 400,000).</summary>
    public long GasLimit { get; set; } = 1_000_000;

    /// <summary>The EIP-1559 priority fee (tip) in wei on type-2 chains, 0 – 1,000 gwei; the max fee is twice the latest base fee plus it. Default 1 gwei.</summary>
    public long PriorityFeeWei { get; set; } = 1_000_000_000;

    /// <summary>
    /// Blocks a sent transaction may wait unmined before it is replaced (same nonce, every price +12.5 % or today's if
    /// higher), 1–10,000. Default 5.
    /// </summary>
    public int BumpAfterBlocks { get; set; } = 5;

    /// <summary>Time a sent transaction may wait unmined before it is replaced, whichever of this and <see cref="BumpAfterBlocks"/> comes first; 1 s – 1 h. Default 60 s.</summary>
    public TimeSpan BumpAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The most the relayer ever offers per gas (type-2 max fee, type-0 gas price), in wei, 1 – 10^15: a replacement above it
    /// is not sent and the transaction waits at its price. Default 500 gwei.
    /// </summary>
    public long MaxFeePerGasWei { get; set; } = 500_000_000_000;

    /// <summary>
    /// The longest wait between two failed rounds (the wait doubles from <see cref="PollInterval"/> with each failure in a
    /// row; never shorter than <see cref="PollInterval"/>), 50 ms – 1 h. Default 60 s.
    /// </summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The usual confirmation depth of a chain: ETC 4,000 (reorgs of 3,000–7,000+ blocks in 2020), anything else 64.</summary>
    public static int DefaultConfirmations(string target) => target == "etc" ? 4000 : 64;
}

/// <summary>
/// Refuses <see cref="RelayerOptions"/> that cannot work, naming the setting as <paramref name="prefix"/> + its name
/// ("Relayer:GasLimit"; a node names its hosted relayers "Relayers:Targets:0:"). Stateless, thread safe.
/// </summary>
public sealed class RelayerOptionsValidator(string prefix = "Relayer:") : IValidateOptions<RelayerOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, RelayerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Target)) errors.Add($"{prefix}Target is empty; name the anchor target (eth or etc)");
        if (!Uri.TryCreate(options.RpcUrl, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
            errors.Add($"{prefix}RpcUrl '{options.RpcUrl}' is not an http(s) URL");
        if (!IsHex(options.Contract, 40)) errors.Add($"{prefix}Contract '{options.Contract}' is not an address (0x and 40 hex digits)");
        if (!IsHex(options.PrivateKey, 64)) errors.Add($"{prefix}PrivateKey is not a secp256k1 key (64 hex digits, 0x optional)");
        if (options.EvmChainId <= 0) errors.Add($"{prefix}EvmChainId {options.EvmChainId} must be positive (1 ETH, 61 ETC, 63 Mordor)");
        if (options.Confirmations is < 1 or > 100_000) errors.Add($"{prefix}Confirmations {options.Confirmations} is outside 1–100000");
        if (string.IsNullOrWhiteSpace(options.OutboxPath)) errors.Add($"{prefix}OutboxPath is empty; the relayer needs a file to remember its submissions");
        if (options.PollInterval < TimeSpan.FromMilliseconds(50) || options.PollInterval > TimeSpan.FromMinutes(10))
            errors.Add($"{prefix}PollInterval {options.PollInterval} is outside 50 ms – 10 min");
        if (options.GasLimit is < 100_000 or > 10_000_000) errors.Add($"{prefix}GasLimit {options.GasLimit} is outside 100000–10000000");
        if (options.MaxBackoff < TimeSpan.FromMilliseconds(50) || options.MaxBackoff > TimeSpan.FromHours(1))
            errors.Add($"{prefix}MaxBackoff {options.MaxBackoff} is outside 50 ms – 1 h");
        if (options.BumpAfterBlocks is < 1 or > 10_000) errors.Add($"{prefix}BumpAfterBlocks {options.BumpAfterBlocks} is outside 1–10000");
        if (options.BumpAfter < TimeSpan.FromSeconds(1) || options.BumpAfter > TimeSpan.FromHours(1))
            errors.Add($"{prefix}BumpAfter {options.BumpAfter} is outside 1 s – 1 h");
        if (options.MaxFeePerGasWei is < 1 or > 1_000_000_000_000_000) errors.Add($"{prefix}MaxFeePerGasWei {options.MaxFeePerGasWei} is outside 1–10^15 wei");
        if (options.PriorityFeeWei is < 0 or > 1_000_000_000_000) errors.Add($"{prefix}PriorityFeeWei {options.PriorityFeeWei} is outside 0–1000 gwei");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsHex(string? text, int digits)
    {
        if (text is null) return false;
        var hex = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
        return hex.Length == digits && hex.All(Uri.IsHexDigit);
    }
}
