using NSec.Cryptography;

namespace Seratio.Core.Crypto;

/// <summary>Ed25519 verification through libsodium (NSec). Thread safe.</summary>
public static class Ed25519
{
    public const int SignatureSize = 64;
    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;

    /// <summary>True when <paramref name="signature"/> is a valid signature of <paramref name="message"/> by <paramref name="key"/>.</summary>
    public static bool Verify(PublicKey key, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != SignatureSize) return false;
        Span<byte> raw = stackalloc byte[PublicKey.Size];
        key.CopyTo(raw);
        if (!NSec.Cryptography.PublicKey.TryImport(Algorithm, raw, KeyBlobFormat.RawPublicKey, out var imported) || imported is null)
            return false;
        return Algorithm.Verify(imported, message, signature);
    }
}

/// <summary>
/// An Ed25519 private key held in libsodium-managed memory. Disposable; signing is thread safe.
/// </summary>
public sealed class SigningKey : IDisposable
{
    public const int SeedSize = 32;
    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;
    private readonly Key _key;

    private SigningKey(Key key)
    {
        _key = key;
        PublicKey = new PublicKey(key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    public PublicKey PublicKey { get; }
    public Addressing.Address Address => PublicKey.ToAddress();

    /// <summary>A new key from the operating system's CSPRNG.</summary>
    public static SigningKey Generate() =>
        new(Key.Create(Algorithm, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport }));

    /// <summary>The key whose 32-byte seed is <paramref name="seed"/> (RFC 8032 private key).</summary>
    public static SigningKey FromSeed(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != SeedSize)
            throw new ArgumentException($"An Ed25519 seed is {SeedSize} bytes, got {seed.Length}.", nameof(seed));
        return new(Key.Import(Algorithm, seed, KeyBlobFormat.RawPrivateKey,
            new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport }));
    }

    /// <summary>A deterministic test key: seed = SHA-256("seratio/test-key" || name). Never for real funds.</summary>
    public static SigningKey ForTesting(string name) =>
        FromSeed(Hash32.Sha256(System.Text.Encoding.UTF8.GetBytes("seratio/test-key/" + name)).ToArray());

    public byte[] Sign(ReadOnlySpan<byte> message) => Algorithm.Sign(_key, message);

    /// <summary>The 32-byte seed; callers must keep it encrypted at rest (see the keystore).</summary>
    public byte[] ExportSeed() => _key.Export(KeyBlobFormat.RawPrivateKey);

    public void Dispose() => _key.Dispose();
}
