using System.Text.Json;
using Nethereum.Signer;
using Seratio.Core.Keys;
using Seratio.Vm.Modules.Anchor;

namespace Seratio.Node.Anchoring;

/// <summary>
/// This validator's secp256k1 anchor key, which signs checkpoints only. Holds the key; thread safe (signing is
/// deterministic, RFC 6979).
/// </summary>
public sealed class AnchorKey(EthECKey key)
{
    public EthECKey Key { get; } = key ?? throw new ArgumentNullException(nameof(key));

    /// <summary>The 20-byte Ethereum address of the key.</summary>
    public byte[] Address { get; } = AnchorCrypto.AddressOf(key);

    /// <summary>A throw-away file's JSON: <c>{"private_key":"&lt;64 hex&gt;"}</c>.</summary>
    public static string UnsafeJson(EthECKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return JsonSerializer.Serialize(new Dictionary<string, string> { ["private_key"] = Convert.ToHexStringLower(key.GetPrivateKeyAsBytes()) });
    }

    /// <summary>
    /// Loads the key: a throw-away file (name contains "unsafe") holding <c>{"private_key":"&lt;64 hex&gt;"}</c>, or an
    /// Ethereum keystore v3 file opened with the passphrase read from <paramref name="passphraseFile"/>. A file that group
    /// or others may read is refused (Unix), as for the validator key.
    /// </summary>
    public static AnchorKey Load(string path, string? passphraseFile)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (OwnerOnlyFiles.ExposedProblem(path) is { } exposed) throw new InvalidOperationException($"Anchor key refused: {exposed}");
        var text = File.ReadAllText(path);
        if (Path.GetFileName(path).Contains("unsafe", StringComparison.Ordinal))
        {
            using var doc = JsonDocument.Parse(text);
            if (!doc.RootElement.TryGetProperty("private_key", out var hex) || hex.GetString() is not { Length: 64 } privateKey || !privateKey.All(Uri.IsHexDigit))
                throw new InvalidOperationException($"Anchor key {path} must hold {{\"private_key\":\"<64 hex digits>\"}}");
            return new AnchorKey(new EthECKey(Convert.FromHexString(privateKey), true));
        }
        if (string.IsNullOrWhiteSpace(passphraseFile))
            throw new InvalidOperationException($"Anchor key {path} is an encrypted keystore; set Anchoring:AnchorKeyPassphraseFile to a file holding its passphrase.");
        if (OwnerOnlyFiles.ExposedProblem(passphraseFile) is { } problem) throw new InvalidOperationException($"Anchor key passphrase refused: {problem}");
        var passphrase = File.ReadAllText(passphraseFile).TrimEnd('\r', '\n');
        try
        {
            var privateKey = new Nethereum.KeyStore.KeyStoreService().DecryptKeyStoreFromJson(passphrase, text);
            return new AnchorKey(new EthECKey(privateKey, true));
        }
        catch (Exception e) when (e is ArgumentException or FormatException or JsonException or Nethereum.KeyStore.Crypto.DecryptionException or InvalidOperationException or Newtonsoft.Json.JsonException)
        {
            throw new InvalidOperationException($"Cannot open the anchor key {path}: {e.Message} (an Ethereum keystore v3 file and its passphrase are needed)", e);
        }
    }
}
