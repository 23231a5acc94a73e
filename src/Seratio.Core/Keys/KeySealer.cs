using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;
using Seratio.Core.Crypto;
using PublicKey = Seratio.Core.Crypto.PublicKey;

namespace Seratio.Core.Keys;

/// <summary>
/// Seals and opens a 32-byte Ed25519 seed: key = Argon2id(passphrase, salt), then
/// XChaCha20-Poly1305 with the public key as associated data, so a file whose clear header
/// was swapped to another key fails to open. Pure apart from the random salt and nonce; thread safe.
/// </summary>
public static class KeySealer
{
    private const int SaltSize = 16;
    private static readonly AeadAlgorithm Aead = AeadAlgorithm.XChaCha20Poly1305;
    private static readonly byte[] AssociatedDataTag = Encoding.ASCII.GetBytes("seratio/keystore/v1");

    /// <summary>A key file for <paramref name="key"/> under <paramref name="passphrase"/>.</summary>
    public static KeyFileDocument Seal(string name, SigningKey key, string passphrase, KdfParameters kdf)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(passphrase);
        if (kdf.Problem() is { } problem) throw new ArgumentException(problem, nameof(kdf));
        var salt = RandomNumberGenerator.GetBytes(SaltSize);
        var nonce = RandomNumberGenerator.GetBytes(Aead.NonceSize);
        var seed = key.ExportSeed();
        try
        {
            using var aeadKey = DeriveKey(passphrase, salt, kdf);
            var ciphertext = Aead.Encrypt(aeadKey, nonce, AssociatedData(key.PublicKey), seed);
            return new KeyFileDocument
            {
                Name = name,
                Address = key.Address.ToString(),
                PublicKey = Convert.ToHexStringLower(key.PublicKey.ToArray()),
                Kdf = new KdfSection
                {
                    Salt = Convert.ToHexStringLower(salt),
                    MemoryKiB = kdf.MemoryKiB,
                    Iterations = kdf.Iterations,
                    Parallelism = kdf.Parallelism,
                },
                Cipher = new CipherSection
                {
                    Nonce = Convert.ToHexStringLower(nonce),
                    Ciphertext = Convert.ToHexStringLower(ciphertext),
                },
            };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    /// <summary>Checks the clear fields of <paramref name="doc"/>; returns its public key, or why the file is unusable.</summary>
    public static KeystoreResult<PublicKey> CheckHeader(KeyFileDocument doc, string path)
    {
        ArgumentNullException.ThrowIfNull(doc);
        string? problem =
            doc.Version != KeyFileDocument.CurrentVersion ? $"version {doc.Version} is not supported (expected {KeyFileDocument.CurrentVersion})"
            : doc.Kdf.Alg != KdfSection.Argon2id ? $"kdf.alg '{doc.Kdf.Alg}' is not supported (expected {KdfSection.Argon2id})"
            : doc.Cipher.Alg != CipherSection.XChaCha20Poly1305 ? $"cipher.alg '{doc.Cipher.Alg}' is not supported (expected {CipherSection.XChaCha20Poly1305})"
            : doc.Kdf.Parameters.Problem()
            ?? HexProblem("kdf.salt", doc.Kdf.Salt, SaltSize)
            ?? HexProblem("cipher.nonce", doc.Cipher.Nonce, Aead.NonceSize)
            ?? HexProblem("cipher.ciphertext", doc.Cipher.Ciphertext, SigningKey.SeedSize + Aead.TagSize)
            ?? HexProblem("public_key", doc.PublicKey, PublicKey.Size);
        if (problem is not null) return KeystoreResult<PublicKey>.Fail(KeystoreOutcome.Corrupted, $"key file {path} is corrupted: {problem}");
        var publicKey = Crypto.PublicKey.FromHex(doc.PublicKey);
        if (publicKey.ToAddress().ToString() != doc.Address)
            return KeystoreResult<PublicKey>.Fail(KeystoreOutcome.Corrupted, $"key file {path} is corrupted: address {doc.Address} does not belong to its public key");
        return KeystoreResult<PublicKey>.Ok(publicKey);
    }

    /// <summary>Opens <paramref name="doc"/>; a wrong passphrase and a tampered file cannot be told apart by the AEAD, so both say so.</summary>
    public static KeystoreResult<SigningKey> Open(KeyFileDocument doc, string passphrase, string path)
    {
        ArgumentNullException.ThrowIfNull(passphrase);
        var header = CheckHeader(doc, path);
        if (!header.IsOk) return header.Cast<SigningKey>();
        var salt = Convert.FromHexString(doc.Kdf.Salt);
        var nonce = Convert.FromHexString(doc.Cipher.Nonce);
        var ciphertext = Convert.FromHexString(doc.Cipher.Ciphertext);
        var seed = new byte[SigningKey.SeedSize];
        try
        {
            using (var aeadKey = DeriveKey(passphrase, salt, doc.Kdf.Parameters))
            {
                if (!Aead.Decrypt(aeadKey, nonce, AssociatedData(header.Value), ciphertext, seed))
                    return KeystoreResult<SigningKey>.Fail(KeystoreOutcome.WrongPassphrase,
                        $"wrong passphrase for key '{doc.Name}' ({path}), or the file was altered");
            }
            var key = SigningKey.FromSeed(seed);
            if (key.PublicKey != header.Value)
            {
                key.Dispose();
                return KeystoreResult<SigningKey>.Fail(KeystoreOutcome.Corrupted, $"key file {path} is corrupted: its seed does not match its public key");
            }
            return KeystoreResult<SigningKey>.Ok(key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    private static Key DeriveKey(string passphrase, byte[] salt, KdfParameters kdf)
    {
        var argon = PasswordBasedKeyDerivationAlgorithm.Argon2id(new Argon2Parameters
        {
            DegreeOfParallelism = kdf.Parallelism,
            MemorySize = kdf.MemoryKiB,
            NumberOfPasses = kdf.Iterations,
        });
        return argon.DeriveKey(passphrase, salt, Aead, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.None });
    }

    private static byte[] AssociatedData(PublicKey publicKey)
    {
        var data = new byte[AssociatedDataTag.Length + PublicKey.Size];
        AssociatedDataTag.CopyTo(data, 0);
        publicKey.CopyTo(data.AsSpan(AssociatedDataTag.Length));
        return data;
    }

    private static string? HexProblem(string field, string? hex, int size)
    {
        if (string.IsNullOrEmpty(hex) || hex.Length != size * 2 || !hex.All(Uri.IsHexDigit))
            return $"{field} must be {size * 2} hex digits";
        return null;
    }
}
