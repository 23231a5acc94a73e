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
        File.WriteAllText(path, "{\"seed\":\"" + new string('a', 64) + "\"}");
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
        File.WriteAllText(passphrase, "correct horse\n");

        using var loaded = ValidatorKey.Load(keystore.PathOf("validator"), passphrase);
        Assert.Equal(key.PublicKey, loaded.Key.PublicKey);

        var missing = Assert.Throws<InvalidOperationException>(() => ValidatorKey.Load(keystore.PathOf("validator"), passphraseFile: null));
        Assert.Contains("ValidatorKeyPassphraseFile", missing.Message);
        File.WriteAllText(passphrase, "wrong");
        Assert.Throws<InvalidOperationException>(() => ValidatorKey.Load(keystore.PathOf("validator"), passphrase));
    }

    [Fact]
    public void ValidatorKey_MalformedSeed_IsRefused()
    {
        var path = _home.Sub("v-unsafe.key");
        File.WriteAllText(path, "{\"seed\":\"abc\"}");
        Assert.Throws<InvalidOperationException>(() => ValidatorKey.Load(path, passphraseFile: null));
    }
}
