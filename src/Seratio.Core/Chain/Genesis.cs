using System.Text.Json;
using System.Text.Json.Serialization;
using Seratio.Core.Crypto;

namespace Seratio.Core.Chain;

/// <summary>
/// The genesis document (genesis.json): chain id, consensus parameters, initial validators
/// and balances. Its hash, SHA-256("seratio/genesis" || canonical JSON bytes as stored), names
/// the chain a node belongs to. Immutable after load.
/// </summary>
public sealed record Genesis
{
    [JsonPropertyName("chain_id")] public required string ChainId { get; init; }
    /// <summary>Block time of height 0 (Unix ms); heights above carry their proposer's time.</summary>
    [JsonPropertyName("genesis_time_unix_ms")] public long GenesisTimeUnixMs { get; init; }
    [JsonPropertyName("params")] public ChainParams Params { get; init; } = new();
    [JsonPropertyName("validators")] public IReadOnlyList<GenesisValidator> Validators { get; init; } = [];
    [JsonPropertyName("accounts")] public IReadOnlyList<GenesisAccount> Accounts { get; init; } = [];
    /// <summary>
    /// The account (bech32m) allowed to send authority messages (validator-set changes, roles) until the DAF
    /// takes this over; null = nobody. Genesis writes it into state, so governance can later replace it there.
    /// </summary>
    [JsonPropertyName("authority")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Authority { get; init; }
    /// <summary>
    /// Anchor keys and target contracts at genesis (docs/anchoring.md); null = none, so the chain records no
    /// checkpoint until validators register keys by transaction. The Vm checks each key's proof when it builds the state.
    /// </summary>
    [JsonPropertyName("anchor")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public GenesisAnchor? Anchor { get; init; }
    /// <summary>
    /// The DAF's council and parameters at genesis (docs/modules/daf.md, "Genesis"); null = none (left out of the JSON
    /// so older genesis files keep their hash). Required, with members, when <see cref="Authority"/> is the DAF's account.
    /// </summary>
    [JsonPropertyName("daf")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public GenesisDaf? Daf { get; init; }

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static Genesis Parse(string json)
    {
        var genesis = JsonSerializer.Deserialize<Genesis>(json, Json)
            ?? throw new FormatException("genesis is empty");
        genesis.Validate();
        return genesis;
    }

    public static Genesis Load(string path) => Parse(File.ReadAllText(path));

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The hash of the document's semantic content (re-serialised canonically), so whitespace does not matter.</summary>
    public Hash32 Hash() => Hashing.Hash(Domains.Genesis, JsonSerializer.SerializeToUtf8Bytes(this));

    /// <summary>Throws <see cref="FormatException"/> naming the first problem found.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ChainId) || ChainId.Length > 64)
            throw new FormatException("genesis chain_id must be 1 to 64 characters");
        if (Validators.Count == 0) throw new FormatException("genesis names no validators");
        foreach (var v in Validators)
        {
            if (v.PublicKey.Length != 64 || !v.PublicKey.All(Uri.IsHexDigit))
                throw new FormatException($"validator '{v.Name}' public_key must be 64 hex digits");
            if (v.Power == 0) throw new FormatException($"validator '{v.Name}' has power 0");
        }
        if (Validators.Select(v => v.PublicKey.ToLowerInvariant()).Distinct().Count() != Validators.Count)
            throw new FormatException("genesis lists a validator key twice");
        foreach (var a in Accounts)
        {
            if (!Addressing.Address.TryParse(a.Address, out _, out var error)) throw new FormatException($"genesis account: {error}");
            if (!Numerics.Amount.TryParse(a.Balance, out _, out error)) throw new FormatException($"genesis account {a.Address}: {error}");
        }
        if (Accounts.Select(a => a.Address).Distinct().Count() != Accounts.Count)
            throw new FormatException("genesis lists an account twice");
        if (Authority is not null && !Addressing.Address.TryParse(Authority, out _, out var authorityError))
            throw new FormatException($"genesis authority: {authorityError}");
        if (Validators.Count > Params.MaxValidators)
            throw new FormatException($"genesis names {Validators.Count} validators; params.max_validators is {Params.MaxValidators}");
        Params.Validate();
        Anchor?.Validate(Validators);
        if (Daf is not null) Daf.Validate(Authority);
        else if (Authority is not null && Authority == GenesisDaf.DafAddress.ToString())
            throw new FormatException("genesis authority is the DAF account but there is no daf section with its members");
    }
}

/// <summary>The genesis anchor section: keys of genesis validators and target contracts. Immutable after load.</summary>
public sealed record GenesisAnchor
{
    [JsonPropertyName("keys")] public IReadOnlyList<GenesisAnchorKey> Keys { get; init; } = [];
    [JsonPropertyName("targets")] public IReadOnlyList<GenesisAnchorTarget> Targets { get; init; } = [];

    /// <summary>Checks formats and that each key belongs to a genesis validator; throws <see cref="FormatException"/>.</summary>
    public void Validate(IReadOnlyList<GenesisValidator> validators)
    {
        foreach (var k in Keys)
        {
            if (!validators.Any(v => string.Equals(v.PublicKey, k.ValidatorPublicKey, StringComparison.OrdinalIgnoreCase)))
                throw new FormatException($"genesis anchor key for {k.ValidatorPublicKey}: not a genesis validator");
            if (!IsHex(k.Address, 20, prefixed: true)) throw new FormatException($"genesis anchor key address '{k.Address}' must be 0x and 40 hex digits");
            if (!IsHex(k.Proof, 65, prefixed: false)) throw new FormatException($"genesis anchor key proof of {k.Address} must be 130 hex digits (r || s || v)");
        }
        if (Keys.Select(k => k.ValidatorPublicKey.ToLowerInvariant()).Distinct().Count() != Keys.Count)
            throw new FormatException("genesis anchor keys name a validator twice");
        foreach (var t in Targets)
        {
            if (t.EvmChainId == 0) throw new FormatException($"genesis anchor target '{t.Name}': evm_chain_id must be above 0");
            if (!IsHex(t.Contract, 20, prefixed: true)) throw new FormatException($"genesis anchor target '{t.Name}': contract must be 0x and 40 hex digits");
        }
    }

    private static bool IsHex(string text, int bytes, bool prefixed)
    {
        if (prefixed)
        {
            if (!text.StartsWith("0x", StringComparison.Ordinal)) return false;
            text = text[2..];
        }
        return text.Length == 2 * bytes && text.All(Uri.IsHexDigit);
    }
}

/// <summary>A genesis validator's anchor key with its proof (docs/anchoring.md, "Anchor keys"). Immutable after load.</summary>
public sealed record GenesisAnchorKey
{
    /// <summary>The genesis validator's Ed25519 public key, 64 hex digits.</summary>
    [JsonPropertyName("validator_public_key")] public required string ValidatorPublicKey { get; init; }
    /// <summary>The anchor key's Ethereum address, 0x-prefixed.</summary>
    [JsonPropertyName("address")] public required string Address { get; init; }
    /// <summary>The anchor key's proof signature (r || s || v), 130 hex digits.</summary>
    [JsonPropertyName("proof")] public required string Proof { get; init; }
}

/// <summary>An anchor contract checkpoints are signed for: a name, its EVM chain id and address. Immutable after load.</summary>
public sealed record GenesisAnchorTarget
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("evm_chain_id")] public ulong EvmChainId { get; init; }
    /// <summary>The anchor contract's address, 0x-prefixed.</summary>
    [JsonPropertyName("contract")] public required string Contract { get; init; }
}

public sealed record GenesisValidator
{
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    /// <summary>Ed25519 public key, 64 hex digits.</summary>
    [JsonPropertyName("public_key")] public required string PublicKey { get; init; }
    [JsonPropertyName("power")] public ulong Power { get; init; } = 1;
}

public sealed record GenesisAccount
{
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    [JsonPropertyName("address")] public required string Address { get; init; }
    /// <summary>SER base units, canonical decimal.</summary>
    [JsonPropertyName("balance")] public required string Balance { get; init; }
}

/// <summary>Parameters every validator must agree on; changing one is a governance act.</summary>
public sealed record ChainParams
{
    /// <summary>Lowest gas price (SER base units per gas) a transaction may offer; 0 on a local network.</summary>
    [JsonPropertyName("min_gas_price")] public ulong MinGasPrice { get; init; }
    [JsonPropertyName("max_tx_bytes")] public int MaxTxBytes { get; init; } = 64 * 1024;
    [JsonPropertyName("max_block_txs")] public int MaxBlockTxs { get; init; } = 20_000;
    [JsonPropertyName("max_block_bytes")] public int MaxBlockBytes { get; init; } = 16 * 1024 * 1024;
    /// <summary>Gas charged for any transaction before its messages.</summary>
    [JsonPropertyName("gas_tx_base")] public ulong GasTxBase { get; init; } = 10_000;
    /// <summary>Gas per byte of the encoded transaction.</summary>
    [JsonPropertyName("gas_per_byte")] public ulong GasPerByte { get; init; } = 10;
    /// <summary>Gas of one SER or asset transfer message.</summary>
    [JsonPropertyName("gas_transfer")] public ulong GasTransfer { get; init; } = 5_000;
    /// <summary>Most validators a set may hold (genesis and authority changes alike).</summary>
    [JsonPropertyName("max_validators")] public int MaxValidators { get; init; } = 100;
    /// <summary>Whether committed duplicate-vote evidence removes (jails) the offender from the set, two heights later.</summary>
    [JsonPropertyName("jail_on_double_sign")] public bool JailOnDoubleSign { get; init; } = true;
    /// <summary>Evidence of a height more than this far below the including block is refused (validator sets of old heights are not kept forever).</summary>
    [JsonPropertyName("evidence_max_age_heights")] public ulong EvidenceMaxAgeHeights { get; init; } = 100_000;
    /// <summary>
    /// Every this many heights the chain records a checkpoint for the anchor contracts (docs/anchoring.md); 0 (the
    /// default, left out of the JSON so older genesis files keep their hash) records none. Devnet: 10.
    /// </summary>
    [JsonPropertyName("checkpoint_interval")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public ulong CheckpointInterval { get; init; }

    /// <summary>
    /// The exchange's limits (docs/modules/exchange.md, "Limits"); null (the default, left out of the JSON so older
    /// genesis files keep their hash) means <see cref="ExchangeParams"/>' defaults. Read it through <see cref="ExchangeOrDefault"/>.
    /// </summary>
    [JsonPropertyName("exchange")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ExchangeParams? Exchange { get; init; }

    /// <summary><see cref="Exchange"/>, or the defaults when genesis gives none.</summary>
    [JsonIgnore]
    public ExchangeParams ExchangeOrDefault => Exchange ?? ExchangeParams.Default;

    public void Validate()
    {
        if (MaxTxBytes is < 256 or > 1024 * 1024) throw new FormatException("params.max_tx_bytes must be 256..1048576");
        if (MaxBlockTxs < 1) throw new FormatException("params.max_block_txs must be at least 1");
        if (MaxBlockBytes < MaxTxBytes) throw new FormatException("params.max_block_bytes must be at least max_tx_bytes");
        if (MaxValidators is < 1 or > 1000) throw new FormatException("params.max_validators must be 1..1000");
        if (EvidenceMaxAgeHeights < 1) throw new FormatException("params.evidence_max_age_heights must be at least 1");
        if (CheckpointInterval > 1_000_000) throw new FormatException("params.checkpoint_interval must be 0 (no checkpoints) to 1000000");
        Exchange?.Validate();
    }
}

/// <summary>The exchange module's limits, agreed by every validator (docs/modules/exchange.md, "Limits"). Immutable.</summary>
public sealed record ExchangeParams
{
    public static readonly ExchangeParams Default = new();

    /// <summary>Most heights a good-till-height order may stay open: expire_height ≤ placing height + this.</summary>
    [JsonPropertyName("max_order_lifetime")] public ulong MaxOrderLifetime { get; init; } = 100_000;

    /// <summary>Most open (resting or pending) orders one account may have in one market.</summary>
    [JsonPropertyName("max_open_orders")] public uint MaxOpenOrders { get; init; } = 100;

    /// <summary>Most placements plus cancels one account may make in one block (all markets).</summary>
    [JsonPropertyName("max_actions_per_block")] public uint MaxActionsPerBlock { get; init; } = 50;

    /// <summary>Most placements one block may carry (all accounts, all markets): bounds a batch's new orders.</summary>
    [JsonPropertyName("max_block_orders")] public uint MaxBlockOrders { get; init; } = 10_000;

    /// <summary>Most resting orders one block's batches may read (all markets): bounds the matching work of a block.</summary>
    [JsonPropertyName("max_match_work")] public uint MaxMatchWork { get; init; } = 200_000;

    public void Validate()
    {
        if (MaxOrderLifetime is < 1 or > 10_000_000) throw new FormatException("params.exchange.max_order_lifetime must be 1..10000000");
        if (MaxOpenOrders is < 1 or > 10_000) throw new FormatException("params.exchange.max_open_orders must be 1..10000");
        if (MaxActionsPerBlock is < 1 or > 10_000) throw new FormatException("params.exchange.max_actions_per_block must be 1..10000");
        if (MaxBlockOrders is < 1 or > 1_000_000) throw new FormatException("params.exchange.max_block_orders must be 1..1000000");
        if (MaxMatchWork is < 1 or > 10_000_000) throw new FormatException("params.exchange.max_match_work must be 1..10000000");
    }
}
