using System.Text.Json;
using Seratio.Core.Crypto;

namespace Seratio.Node.Production;

/// <summary>This node's validator signing key. Owns the key; thread safe (signing is).</summary>
public sealed class ValidatorKey(SigningKey key) : IDisposable
{
    public SigningKey Key { get; } = key ?? throw new ArgumentNullException(nameof(key));

    /// <summary>
    /// Loads a throw-away key file <c>{"seed":"&lt;64 hex&gt;"}</c>. Only files whose name contains
    /// "unsafe" may hold a plain seed; any other name is refused, so that a real validator key is
    /// never kept unencrypted by accident.
    /// </summary>
    public static ValidatorKey LoadUnsafeSeedFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!Path.GetFileName(path).Contains("unsafe", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException(
                $"Refusing to read a plain-text validator seed from '{path}': only throw-away keys of a local network, in files " +
                "whose name contains 'unsafe', may be stored unencrypted. Use an encrypted keystore for a real validator.");
        string? seedHex;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            seedHex = doc.RootElement.TryGetProperty("seed", out var seed) && seed.ValueKind == JsonValueKind.String ? seed.GetString() : null;
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"Validator key file '{path}' is not JSON: {ex.Message}", ex);
        }
        if (seedHex is null || seedHex.Length != SigningKey.SeedSize * 2 || !seedHex.All(Uri.IsHexDigit))
            throw new InvalidOperationException($"Validator key file '{path}' must be {{\"seed\":\"<{SigningKey.SeedSize * 2} hex digits>\"}}.");
        return new ValidatorKey(SigningKey.FromSeed(Convert.FromHexString(seedHex)));
    }

    /// <summary>Writes a throw-away key file (test networks only; the name must contain "unsafe").</summary>
    public static void WriteUnsafeSeedFile(string path, SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!Path.GetFileName(path).Contains("unsafe", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"A plain-text seed file must have 'unsafe' in its name, not '{path}'.");
        File.WriteAllText(path, JsonSerializer.Serialize(new Dictionary<string, string> { ["seed"] = Convert.ToHexStringLower(key.ExportSeed()) }));
    }

    public void Dispose() => Key.Dispose();
}
