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
    /// A key or passphrase file that group or others may read is refused (Unix), except a throw-away key.
    /// </summary>
    public static ValidatorKey Load(string path, string? passphraseFile)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Refuse(path, "Validator key");
        var loaded = KeyFiles.Load(path, () =>
        {
            if (string.IsNullOrWhiteSpace(passphraseFile))
                throw new InvalidOperationException(
                    $"Validator key {path} is encrypted; set Chain:ValidatorKeyPassphraseFile to a file holding its passphrase.");
            Refuse(passphraseFile, "Validator key passphrase");
            return File.ReadAllText(passphraseFile).TrimEnd('\r', '\n');
        });
        if (!loaded.IsOk) throw new InvalidOperationException($"Cannot load the validator key: {loaded.Error}");
        return new ValidatorKey(loaded.Value!);
    }

    public void Dispose() => Key.Dispose();

    /// <summary>As ssh does, refuses a key or passphrase file others may read (see <see cref="OwnerOnlyFiles.ExposedProblem"/>).</summary>
    private static void Refuse(string path, string what)
    {
        if (OwnerOnlyFiles.ExposedProblem(path) is { } problem) throw new InvalidOperationException($"{what} refused: {problem}");
    }
}
