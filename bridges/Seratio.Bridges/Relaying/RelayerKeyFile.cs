using System.Text.Json;
using Nethereum.KeyStore;
using Nethereum.Signer;
using Seratio.Core.Keys;

namespace Seratio.Bridges.Relaying;

/// <summary>
/// The relayer account's key on disk (docs/anchoring.md "Relayer keys"). Either an <b>Ethereum keystore v3</b> file
/// (scrypt + AES-128-CTR, what geth, <c>cast wallet</c> and MetaMask exports write, and what a node's anchor key already
/// is), opened with the passphrase in the first line of a passphrase file; or a <b>plain</b> file holding
/// <c>{"private_key":"&lt;64 hex&gt;"}</c> or the 64 hex digits alone, which still works but earns a warning when others
/// may read it. Stateless and thread safe.
/// </summary>
public static class RelayerKeyFile
{
    private const UnixFileMode GroupOrOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>
    /// Reads the key at <paramref name="path"/>. <paramref name="setting"/> names the setting or option that named the
    /// file (<c>--key-file</c>, <c>Relayers:Targets:0:KeyFile</c>), <paramref name="passphraseSetting"/> the one for the
    /// passphrase; both appear in every error.
    /// </summary>
    /// <exception cref="InvalidOperationException">the file is missing, not a key, or its passphrase is missing or wrong; the message says which and names the setting.</exception>
    public static RelayerKey Load(string path, string? passphraseFile, string setting = "--key-file", string passphraseSetting = "--passphrase-file")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new InvalidOperationException($"{setting}: the relayer key file {path} does not exist");
        var text = File.ReadAllText(path).Trim();
        JsonDocument? document = null;
        if (text.StartsWith('{'))
        {
            try
            {
                document = JsonDocument.Parse(text);
            }
            catch (JsonException e)
            {
                throw new InvalidOperationException($"{setting}: the relayer key file {path} is not JSON ({e.Message})", e);
            }
        }
        using (document)
        {
            if (document is not null && (document.RootElement.TryGetProperty("crypto", out _) || document.RootElement.TryGetProperty("Crypto", out _)))
                return Decrypt(path, text, passphraseFile, setting, passphraseSetting);
            string hex;
            if (document is null) hex = text;
            else if (document.RootElement.TryGetProperty("private_key", out var key) && key.ValueKind == JsonValueKind.String) hex = key.GetString()!;
            else throw new InvalidOperationException($"{setting}: the relayer key file {path} is neither an Ethereum keystore v3 file nor {{\"private_key\":\"<64 hex>\"}}");
            hex = hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? hex[2..] : hex;
            if (hex.Length != 64 || !hex.All(Uri.IsHexDigit))
                throw new InvalidOperationException($"{setting}: the relayer key file {path} does not hold a secp256k1 key (64 hex digits)");
            return new RelayerKey(hex.ToLowerInvariant(), Encrypted: false, Warning: ExposedWarning(path));
        }
    }

    /// <summary>
    /// Writes a new random key to <paramref name="path"/> as a keystore v3 file encrypted with <paramref name="passphrase"/>,
    /// created readable by its owner only; fails if the file exists. Returns the key (its address is the one to fund).
    /// </summary>
    public static RelayerKey CreateEncrypted(string path, string passphrase)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentException.ThrowIfNullOrEmpty(passphrase);
        var key = EthECKey.GenerateKey();
        var json = new KeyStoreService().EncryptAndGenerateDefaultKeyStoreAsJson(passphrase, key.GetPrivateKeyAsBytes(), key.GetPublicAddress());
        OwnerOnlyFiles.WriteNewText(path, json);
        return new RelayerKey(Convert.ToHexStringLower(key.GetPrivateKeyAsBytes()), Encrypted: true, Warning: null);
    }

    private static RelayerKey Decrypt(string path, string json, string? passphraseFile, string setting, string passphraseSetting)
    {
        if (string.IsNullOrWhiteSpace(passphraseFile))
            throw new InvalidOperationException($"{setting}: {path} is an encrypted keystore; give {passphraseSetting} a file whose first line is its passphrase");
        if (!File.Exists(passphraseFile)) throw new InvalidOperationException($"{passphraseSetting}: the passphrase file {passphraseFile} does not exist");
        if (OwnerOnlyFiles.ExposedProblem(passphraseFile) is { } exposed) throw new InvalidOperationException($"{passphraseSetting}: {exposed}");
        string passphrase;
        using (var reader = new StreamReader(passphraseFile)) passphrase = reader.ReadLine() ?? "";
        byte[] privateKey;
        try
        {
            privateKey = new KeyStoreService().DecryptKeyStoreFromJson(passphrase, json);
        }
        catch (Nethereum.KeyStore.Crypto.DecryptionException e)
        {
            throw new InvalidOperationException($"{setting}: wrong passphrase for the relayer keystore {path} (read from {passphraseSetting} {passphraseFile}): {e.Message}", e);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or JsonException or Newtonsoft.Json.JsonException or InvalidOperationException or NullReferenceException)
        {
            throw new InvalidOperationException($"{setting}: cannot open the relayer keystore {path}: {e.Message} (an Ethereum keystore v3 file is needed)", e);
        }
        return new RelayerKey(Convert.ToHexStringLower(privateKey), Encrypted: true, Warning: null);
    }

    /// <summary>The warning for a plain key others may read, or null (owner only, or Windows).</summary>
    private static string? ExposedWarning(string path)
    {
        if (OperatingSystem.IsWindows()) return null;
        var mode = File.GetUnixFileMode(path);
        if ((mode & GroupOrOthers) == 0) return null;
        return $"the relayer key {path} is a plain, unencrypted key that other users may read (mode {Convert.ToString((int)mode & 0x1FF, 8).PadLeft(4, '0')}): " +
               $"run chmod 600 {path}, or better keep it encrypted (seratio keys new-relayer)";
    }
}

/// <summary>A relayer account's key as read from its file: the private key (64 lowercase hex), whether it was encrypted, and a warning to log, if any. Immutable.</summary>
public sealed record RelayerKey(string PrivateKeyHex, bool Encrypted, string? Warning)
{
    /// <summary>The account's address (EIP-55 checksummed).</summary>
    public string Address => new EthECKey(PrivateKeyHex).GetPublicAddress();

    /// <inheritdoc />
    public override string ToString() => $"relayer key {Address}"; // never the private key
}
