using System.Security.Cryptography;
using Seratio.Core.Crypto;

namespace Seratio.Core.Keys;

/// <summary>
/// A folder of key files, one <c>&lt;name&gt;.key</c> per key, each sealed by <see cref="KeySealer"/>.
/// Expected failures (unknown name, wrong passphrase, corrupted file) are results, never exceptions.
/// Writes are create-only, so a key is never silently overwritten. Thread safe for distinct names.
/// </summary>
public sealed class Keystore
{
    private readonly KdfParameters _kdf;

    public Keystore(string directory, KdfParameters? kdf = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
        _kdf = kdf ?? KdfParameters.Standard;
        if (_kdf.Problem() is { } problem) throw new ArgumentException(problem, nameof(kdf));
    }

    public string Directory { get; }

    /// <summary>~/.seratio/keys</summary>
    public static string DefaultDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".seratio", "keys");

    public string PathOf(string name) => Path.Combine(Directory, name + KeyFiles.Extension);

    /// <summary>Null when <paramref name="name"/> can name a key: 1 to 64 of letters, digits, '.', '_', '-', not starting with '.'.</summary>
    public static string? NameProblem(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 64 || name[0] == '.' ||
            !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            return $"key name '{name}' is invalid: use 1 to 64 letters, digits, '.', '_' or '-', not starting with '.'";
        return null;
    }

    /// <summary>Generates a new key and stores it under <paramref name="name"/>.</summary>
    public KeystoreResult<KeyInfo> Add(string name, string passphrase)
    {
        using var key = SigningKey.Generate();
        return Store(name, key, passphrase);
    }

    /// <summary>Stores the key whose 32-byte seed is <paramref name="seed"/> under <paramref name="name"/>.</summary>
    public KeystoreResult<KeyInfo> Import(string name, ReadOnlySpan<byte> seed, string passphrase)
    {
        if (seed.Length != SigningKey.SeedSize)
            return KeystoreResult<KeyInfo>.Fail(KeystoreOutcome.InvalidSeed, $"a seed is {SigningKey.SeedSize} bytes, got {seed.Length}");
        using var key = SigningKey.FromSeed(seed);
        return Store(name, key, passphrase);
    }

    /// <summary>Every key file of the folder in ordinal name order; unreadable files are listed as failures.</summary>
    public IReadOnlyList<KeystoreResult<KeyInfo>> List()
    {
        if (!System.IO.Directory.Exists(Directory)) return [];
        return System.IO.Directory.EnumerateFiles(Directory, "*" + KeyFiles.Extension)
            .Order(StringComparer.Ordinal)
            .Select(KeyFiles.Inspect)
            .ToList();
    }

    public KeystoreResult<KeyInfo> Show(string name)
    {
        if (Missing(name) is { } missing) return missing.Cast<KeyInfo>();
        return KeyFiles.Inspect(PathOf(name));
    }

    /// <summary>The signing key stored under <paramref name="name"/>; the caller disposes it.</summary>
    public KeystoreResult<SigningKey> Unlock(string name, Func<string> passphrase)
    {
        if (Missing(name) is { } missing) return missing.Cast<SigningKey>();
        return KeyFiles.Load(PathOf(name), passphrase);
    }

    /// <summary>The 32-byte seed stored under <paramref name="name"/>, for backup; needs the passphrase.</summary>
    public KeystoreResult<byte[]> Export(string name, string passphrase)
    {
        var unlocked = Unlock(name, () => passphrase);
        if (!unlocked.IsOk) return unlocked.Cast<byte[]>();
        using var key = unlocked.Value!;
        return KeystoreResult<byte[]>.Ok(key.ExportSeed());
    }

    public bool Contains(string name) => NameProblem(name) is null && File.Exists(PathOf(name));

    /// <summary>A seed from 64 hex digits (surrounding white space allowed).</summary>
    public static KeystoreResult<byte[]> ParseSeedHex(string? hex)
    {
        hex = hex?.Trim() ?? "";
        if (hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) hex = hex[2..];
        if (hex.Length != SigningKey.SeedSize * 2 || !hex.All(Uri.IsHexDigit))
            return KeystoreResult<byte[]>.Fail(KeystoreOutcome.InvalidSeed, $"a seed is {SigningKey.SeedSize * 2} hex digits");
        return KeystoreResult<byte[]>.Ok(Convert.FromHexString(hex));
    }

    /// <summary>A seed from a file holding 64 hex digits or exactly 32 raw bytes.</summary>
    public static KeystoreResult<byte[]> ReadSeedFile(string path)
    {
        if (!File.Exists(path)) return KeystoreResult<byte[]>.Fail(KeystoreOutcome.NotFound, $"seed file {path} does not exist");
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length == SigningKey.SeedSize) return KeystoreResult<byte[]>.Ok(bytes);
        var parsed = ParseSeedHex(System.Text.Encoding.ASCII.GetString(bytes));
        return parsed.IsOk ? parsed : KeystoreResult<byte[]>.Fail(KeystoreOutcome.InvalidSeed,
            $"seed file {path} must hold {SigningKey.SeedSize * 2} hex digits or {SigningKey.SeedSize} raw bytes");
    }

    private KeystoreResult<KeyInfo> Store(string name, SigningKey key, string passphrase)
    {
        if (NameProblem(name) is { } problem) return KeystoreResult<KeyInfo>.Fail(KeystoreOutcome.InvalidName, problem);
        if (UnsafeKeyFile.IsUnsafeName(name))
            return KeystoreResult<KeyInfo>.Fail(KeystoreOutcome.InvalidName,
                $"key name '{name}' contains '{UnsafeKeyFile.Marker}', which is reserved for plain throw-away devnet keys");
        var path = PathOf(name);
        if (File.Exists(path)) return KeystoreResult<KeyInfo>.Fail(KeystoreOutcome.AlreadyExists, $"key '{name}' already exists ({path})");
        var json = KeySealer.Seal(name, key, passphrase, _kdf).ToJson();
        CreateDirectory();
        var temp = Path.Combine(Directory, $".{name}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}.tmp");
        OwnerOnlyFiles.WriteNewText(temp, json + "\n");
        try
        {
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temp);
            return KeystoreResult<KeyInfo>.Fail(KeystoreOutcome.AlreadyExists, $"key '{name}' already exists ({path})");
        }
        return KeystoreResult<KeyInfo>.Ok(new KeyInfo(name, key.Address, key.PublicKey, path, Encrypted: true));
    }

    private KeystoreResult<bool>? Missing(string name)
    {
        if (NameProblem(name) is { } problem) return KeystoreResult<bool>.Fail(KeystoreOutcome.InvalidName, problem);
        if (!File.Exists(PathOf(name)))
            return KeystoreResult<bool>.Fail(KeystoreOutcome.NotFound, $"no key named '{name}' in {Directory}");
        return null;
    }

    private void CreateDirectory() => OwnerOnlyFiles.CreateDirectory(Directory);
}
