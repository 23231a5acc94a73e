using System.Text.Json;
using Seratio.Core.Crypto;

namespace Seratio.Core.Keys;

/// <summary>
/// Reads one key file at any path, whichever its kind: an encrypted keystore file, or a plain
/// throw-away key whose name contains "unsafe". The node uses this for its validator key. Thread safe.
/// </summary>
public static class KeyFiles
{
    public const string Extension = ".key";

    /// <summary>Name, address and kind of the key at <paramref name="path"/>, without its passphrase.</summary>
    public static KeystoreResult<KeyInfo> Inspect(string path)
    {
        var read = Read(path);
        if (!read.IsOk) return read.Cast<KeyInfo>();
        var (doc, plain) = read.Value;
        var name = NameOf(path);
        if (plain is not null)
        {
            using var key = plain;
            return KeystoreResult<KeyInfo>.Ok(new KeyInfo(name, key.Address, key.PublicKey, path, Encrypted: false));
        }
        var header = KeySealer.CheckHeader(doc!, path);
        if (!header.IsOk) return header.Cast<KeyInfo>();
        return KeystoreResult<KeyInfo>.Ok(new KeyInfo(name, header.Value.ToAddress(), header.Value, path, Encrypted: true));
    }

    /// <summary>
    /// The signing key at <paramref name="path"/>. <paramref name="passphrase"/> is asked only for
    /// an encrypted file, so a throw-away key never prompts. The caller disposes the key.
    /// </summary>
    public static KeystoreResult<SigningKey> Load(string path, Func<string> passphrase)
    {
        ArgumentNullException.ThrowIfNull(passphrase);
        var read = Read(path);
        if (!read.IsOk) return read.Cast<SigningKey>();
        var (doc, plain) = read.Value;
        return plain is not null ? KeystoreResult<SigningKey>.Ok(plain) : KeySealer.Open(doc!, passphrase(), path);
    }

    /// <summary>The key name a file stands for: its file name without ".key".</summary>
    public static string NameOf(string path)
    {
        var file = Path.GetFileName(path);
        return file.EndsWith(Extension, StringComparison.Ordinal) ? file[..^Extension.Length] : file;
    }

    private static KeystoreResult<(KeyFileDocument? Doc, SigningKey? Plain)> Read(string path)
    {
        if (!File.Exists(path))
            return KeystoreResult<(KeyFileDocument?, SigningKey?)>.Fail(KeystoreOutcome.NotFound, $"key file {path} does not exist");
        string json;
        try { json = File.ReadAllText(path); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        { return KeystoreResult<(KeyFileDocument?, SigningKey?)>.Fail(KeystoreOutcome.NotFound, $"cannot read key file {path}: {ex.Message}"); }

        JsonDocument parsed;
        try { parsed = JsonDocument.Parse(json); }
        catch (JsonException ex) { return Corrupted(path, $"not JSON ({ex.Message})"); }
        using (parsed)
        {
            if (parsed.RootElement.ValueKind != JsonValueKind.Object) return Corrupted(path, "not a JSON object");
            if (parsed.RootElement.TryGetProperty("seed", out _))
            {
                var plain = UnsafeKeyFile.Parse(path, json);
                return plain.IsOk
                    ? KeystoreResult<(KeyFileDocument?, SigningKey?)>.Ok((null, plain.Value))
                    : plain.Cast<(KeyFileDocument?, SigningKey?)>();
            }
        }
        try
        {
            var doc = JsonSerializer.Deserialize<KeyFileDocument>(json, KeyFileDocument.Json);
            return doc is null ? Corrupted(path, "empty document") : KeystoreResult<(KeyFileDocument?, SigningKey?)>.Ok((doc, null));
        }
        catch (JsonException ex) { return Corrupted(path, ex.Message); }
    }

    private static KeystoreResult<(KeyFileDocument?, SigningKey?)> Corrupted(string path, string why) =>
        KeystoreResult<(KeyFileDocument?, SigningKey?)>.Fail(KeystoreOutcome.Corrupted, $"key file {path} is corrupted: {why}");
}
