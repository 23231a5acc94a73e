using System.Text.Json;
using System.Text.Json.Serialization;
using Seratio.Core.Crypto;

namespace Seratio.Core.Keys;

/// <summary>
/// Throw-away keys of a local test network, stored in plain as <c>{"seed":"&lt;hex&gt;"}</c>. A file
/// is read or written in plain ONLY when its name contains "unsafe" (e.g.
/// <c>dev-0.devnet-unsafe.key</c>), so that a plain key can never pass for a protected one. Thread safe.
/// </summary>
public static class UnsafeKeyFile
{
    public const string Marker = "unsafe";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>True when the file name (not the folder) says the key is a throw-away.</summary>
    public static bool IsUnsafeName(string path) =>
        System.IO.Path.GetFileName(path).Contains(Marker, StringComparison.OrdinalIgnoreCase);

    /// <summary>Writes <paramref name="key"/>'s seed in plain; refuses a file name without "unsafe".</summary>
    public static void Write(string path, SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!IsUnsafeName(path))
            throw new ArgumentException($"a plain key file must have '{Marker}' in its name: {path}", nameof(path));
        var json = JsonSerializer.Serialize(new PlainSeed { Seed = Convert.ToHexStringLower(key.ExportSeed()) }, Json);
        File.WriteAllText(path, json + "\n");
    }

    /// <summary>Reads a plain key file from its JSON text; the name rule is checked first.</summary>
    public static KeystoreResult<SigningKey> Parse(string path, string json)
    {
        if (!IsUnsafeName(path))
            return KeystoreResult<SigningKey>.Fail(KeystoreOutcome.PlainKeyRefused,
                $"key file {path} holds an unencrypted seed but its name does not contain '{Marker}'; refusing to use it (import it into the keystore instead)");
        PlainSeed? doc;
        try { doc = JsonSerializer.Deserialize<PlainSeed>(json, Json); }
        catch (JsonException ex) { return Corrupted(path, ex.Message); }
        var seed = doc?.Seed;
        if (seed is null || seed.Length != SigningKey.SeedSize * 2 || !seed.All(Uri.IsHexDigit))
            return Corrupted(path, $"seed must be {SigningKey.SeedSize * 2} hex digits");
        return KeystoreResult<SigningKey>.Ok(SigningKey.FromSeed(Convert.FromHexString(seed)));
    }

    /// <summary>Reads a plain key file from disk (see <see cref="Parse"/>).</summary>
    public static KeystoreResult<SigningKey> Load(string path)
    {
        if (!File.Exists(path)) return KeystoreResult<SigningKey>.Fail(KeystoreOutcome.NotFound, $"key file {path} does not exist");
        return Parse(path, File.ReadAllText(path));
    }

    private static KeystoreResult<SigningKey> Corrupted(string path, string why) =>
        KeystoreResult<SigningKey>.Fail(KeystoreOutcome.Corrupted, $"key file {path} is corrupted: {why}");

    private sealed record PlainSeed
    {
        [JsonPropertyName("seed")] public string? Seed { get; init; }
    }
}
