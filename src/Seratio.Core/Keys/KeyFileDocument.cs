using System.Text.Json;
using System.Text.Json.Serialization;

namespace Seratio.Core.Keys;

/// <summary>
/// The JSON shape of an encrypted key file (<c>&lt;name&gt;.key</c>): public facts in clear, the
/// 32-byte Ed25519 seed sealed with an AEAD under an Argon2id-derived key. Binary fields are
/// lowercase hex. Immutable.
/// </summary>
public sealed record KeyFileDocument
{
    public const int CurrentVersion = 1;

    [JsonPropertyName("version")] public int Version { get; init; } = CurrentVersion;
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("address")] public required string Address { get; init; }
    [JsonPropertyName("public_key")] public required string PublicKey { get; init; }
    [JsonPropertyName("kdf")] public required KdfSection Kdf { get; init; }
    [JsonPropertyName("cipher")] public required CipherSection Cipher { get; init; }

    internal static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}

/// <summary>Key derivation: algorithm name, hex salt and Argon2id costs.</summary>
public sealed record KdfSection
{
    public const string Argon2id = "argon2id";

    [JsonPropertyName("alg")] public string Alg { get; init; } = Argon2id;
    [JsonPropertyName("salt")] public required string Salt { get; init; }
    [JsonPropertyName("mem")] public long MemoryKiB { get; init; }
    [JsonPropertyName("iters")] public long Iterations { get; init; }
    [JsonPropertyName("par")] public int Parallelism { get; init; }

    [JsonIgnore] public KdfParameters Parameters => new(MemoryKiB, Iterations, Parallelism);
}

/// <summary>Sealed seed: AEAD name, hex nonce and hex ciphertext (seed plus tag).</summary>
public sealed record CipherSection
{
    public const string XChaCha20Poly1305 = "xchacha20-poly1305";

    [JsonPropertyName("alg")] public string Alg { get; init; } = XChaCha20Poly1305;
    [JsonPropertyName("nonce")] public required string Nonce { get; init; }
    [JsonPropertyName("ciphertext")] public required string Ciphertext { get; init; }
}
