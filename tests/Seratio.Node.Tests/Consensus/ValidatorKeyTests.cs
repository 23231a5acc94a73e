using Seratio.Core.Crypto;
using Seratio.Core.Keys;
using Seratio.Node.Consensus;
using Seratio.Node.Tests.Chain;

namespace Seratio.Node.Tests.Consensus;

public sealed class ValidatorKeyTests : IDisposable
{
    private readonly TempDir _home = new();
    public void Dispose() => _home.Dispose();

    [Fact]
    public void ValidatorKey_PlainSeedInFileWithoutUnsafeInName_IsRefused()
    {
        var path = _home.Sub("validator.key");
        WriteSecret(path, "{\"seed\":\"" + new string('a', 64) + "\"}");
        var ex = Assert.Throws<InvalidOperationException>(() => ValidatorKey.Load(path, passphraseFile: null));
        Assert.Contains("unsafe", ex.Message);
    }

    [Fact]
    public void ValidatorKey_UnsafeSeedFile_RoundTrips()
    {
        var path = _home.Sub("validator.devnet-unsafe.key");
        using var key = SigningKey.ForTesting("validator");
        UnsafeKeyFile.Write(path, key);
        using var loaded = ValidatorKey.Load(path, passphraseFile: null);
        Assert.Equal(key.PublicKey, loaded.Key.PublicKey);
    }

    [Fact]
    public void ValidatorKey_Encrypted_LoadsWithItsPassphraseFile_AndIsRefusedWithout()
    {
        using var key = SigningKey.ForTesting("validator");
        var keystore = new Keystore(_home.Sub("keystore"), KdfParameters.Fast);
        var added = keystore.Import("validator", key.ExportSeed(), "correct horse");
        Assert.True(added.IsOk, added.Error);
        var passphrase = _home.Sub("passphrase.txt");
        WriteSecret(passphrase, "correct horse\n");

        using var loaded = ValidatorKey.Load(keystore.PathOf("validator"), passphrase);
        Assert.Equal(key.PublicKey, loaded.Key.PublicKey);

        var missing = Assert.Throws<InvalidOperationException>(() => ValidatorKey.Load(keystore.PathOf("validator"), passphraseFile: null));
        Assert.Contains("ValidatorKeyPassphraseFile", missing.Message);
        File.WriteAllText(passphrase, "wrong");
        Assert.Throws<InvalidOperationException>(() => ValidatorKey.Load(keystore.PathOf("validator"), passphrase));
    }

    [Fact]
    public void ValidatorKey_ReadableByOthers_IsRefusedNamingTheChmod()
    {
        if (OperatingSystem.IsWindows()) return; // Unix permissions only.
        using var key = SigningKey.ForTesting("validator");
        var keystore = new Keystore(_home.Sub("keystore"), KdfParameters.Fast);
        Assert.True(keystore.Import("validator", key.ExportSeed(), "correct horse").IsOk);
        var passphrase = _home.Sub("passphrase.txt");
        WriteSecret(passphrase, "correct horse\n");
        File.SetUnixFileMode(keystore.PathOf("validator"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var exposedKey = Assert.Throws<InvalidOperationException>(() => ValidatorKey.Load(keystore.PathOf("validator"), passphrase));
        Assert.Contains($"chmod 600 {keystore.PathOf("validator")}", exposedKey.Message);

        File.SetUnixFileMode(keystore.PathOf("validator"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.SetUnixFileMode(passphrase, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        var exposedPassphrase = Assert.Throws<InvalidOperationException>(() => ValidatorKey.Load(keystore.PathOf("validator"), passphrase));
        Assert.Contains($"chmod 600 {passphrase}", exposedPassphrase.Message);
    }

    [Fact]
    public void ValidatorKey_UnsafeSeedFileReadableByOthers_StillLoads()
    {
        if (OperatingSystem.IsWindows()) return;
        var path = _home.Sub("validator.devnet-unsafe.key");
        using var key = SigningKey.ForTesting("validator");
        UnsafeKeyFile.Write(path, key);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        using var loaded = ValidatorKey.Load(path, passphraseFile: null);

        Assert.Equal(key.PublicKey, loaded.Key.PublicKey);
    }

    private static void WriteSecret(string path, string text)
    {
        File.WriteAllText(path, text);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public void ValidatorKey_MalformedSeed_IsRefused()
    {
        var path = _home.Sub("v-unsafe.key");
        File.WriteAllText(path, "{\"seed\":\"abc\"}");
        Assert.Throws<InvalidOperationException>(() => ValidatorKey.Load(path, passphraseFile: null));
    }
}
