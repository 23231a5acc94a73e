using System.Text.Json;
using Seratio.Core.Crypto;
using Seratio.Core.Keys;

namespace Seratio.Node.Consensus;

/// <summary>This node's validator signing key. Owns the key; thread safe (signing is).</summary>
public sealed class ValidatorKey(SigningKey key) : IDisposable
{
    public SigningKey Key { get; } = key ?? throw new ArgumentNullException(nameof(key));

    /// <summary>
    /// Loads the validator key: an encrypted keystore file (Argon2id + XChaCha20-Poly1305), whose
    /// passphrase is read from <paramref name="passphraseFile"/>, or a throw-away key
    /// <c>{"seed":"&lt;64 hex&gt;"}</c> in a file whose name contains "unsafe" (local networks only;
    /// any other name holding a plain seed is refused, so a real key is never kept in clear by accident).
    /// </summary>
    public static ValidatorKey Load(string path, string? passphraseFile)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var loaded = KeyFiles.Load(path, () =>
        {
            if (string.IsNullOrWhiteSpace(passphraseFile))
                throw new InvalidOperationException(
                    $"Validator key {path} is encrypted; set Chain:ValidatorKeyPassphraseFile to a file holding its passphrase.");
            return File.ReadAllText(passphraseFile).TrimEnd('\r', '\n');
        });
        if (!loaded.IsOk) throw new InvalidOperationException($"Cannot load the validator key: {loaded.Error}");
        return new ValidatorKey(loaded.Value!);
    }

    public void Dispose() => Key.Dispose();
}
