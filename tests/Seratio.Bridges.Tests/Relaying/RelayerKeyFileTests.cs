using Seratio.Bridges.Relaying;
using Seratio.Core.Keys;

namespace Seratio.Bridges.Tests.Relaying;

/// <summary>
/// Relayer key files: an encrypted keystore v3 round trip (written 0600, read back to the same address with its
/// passphrase), a wrong or missing passphrase refused by name, and plain keys that still load but warn when others may
/// read them.
/// </summary>
public sealed class RelayerKeyFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("seratio-relayerkey-").FullName;
    private int _passphrases;

    [Fact]
    public void AnEncryptedKey_RoundTrips_WithItsPassphrase()
    {
        var path = Path.Combine(_folder, "relayer.json");
        var created = RelayerKeyFile.CreateEncrypted(path, "s3cret passphrase");
        Assert.DoesNotContain(created.PrivateKeyHex, File.ReadAllText(path), StringComparison.OrdinalIgnoreCase);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));

        var loaded = RelayerKeyFile.Load(path, Passphrase("s3cret passphrase\n"));
        Assert.Equal(created.PrivateKeyHex, loaded.PrivateKeyHex);
        Assert.Equal(created.Address, loaded.Address);
        Assert.True(loaded.Encrypted);
        Assert.Null(loaded.Warning);
        Assert.DoesNotContain(loaded.PrivateKeyHex, loaded.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AWrongPassphrase_IsRefused_NamingTheSettings()
    {
        var path = Path.Combine(_folder, "relayer.json");
        RelayerKeyFile.CreateEncrypted(path, "right");
        var refused = Assert.Throws<InvalidOperationException>(() =>
            RelayerKeyFile.Load(path, Passphrase("wrong"), "Relayers:Targets:0:KeyFile", "Relayers:Targets:0:KeyPassphraseFile"));
        Assert.StartsWith("Relayers:Targets:0:KeyFile: wrong passphrase", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Relayers:Targets:0:KeyPassphraseFile", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEncryptedKey_WithoutAPassphraseFile_IsRefused()
    {
        var path = Path.Combine(_folder, "relayer.json");
        RelayerKeyFile.CreateEncrypted(path, "right");
        var refused = Assert.Throws<InvalidOperationException>(() => RelayerKeyFile.Load(path, null));
        Assert.Contains("is an encrypted keystore; give --passphrase-file", refused.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => RelayerKeyFile.Load(path, Path.Combine(_folder, "missing")));
    }

    [Fact]
    public void APassphraseFileOthersMayRead_IsRefused()
    {
        if (OperatingSystem.IsWindows()) return;
        var path = Path.Combine(_folder, "relayer.json");
        RelayerKeyFile.CreateEncrypted(path, "right");
        var passphrase = Passphrase("right");
        File.SetUnixFileMode(passphrase, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        var refused = Assert.Throws<InvalidOperationException>(() => RelayerKeyFile.Load(path, passphrase));
        Assert.Contains("chmod 600", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"private_key\":\"59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d\"}")]
    [InlineData("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d\n")]
    public void APlainKey_Loads_AndWarnsOnlyWhenOthersMayReadIt(string text)
    {
        var path = Path.Combine(_folder, "plain.key");
        OwnerOnlyFiles.WriteNewText(path, text);
        var owner = RelayerKeyFile.Load(path, null);
        Assert.Equal("0x70997970C51812dc3A010C7d01b50e0d17dc79C8", owner.Address); // anvil's account 1
        Assert.False(owner.Encrypted);
        Assert.Null(owner.Warning);
        if (OperatingSystem.IsWindows()) return;
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var exposed = RelayerKeyFile.Load(path, null);
        Assert.Equal(owner.PrivateKeyHex, exposed.PrivateKeyHex);
        Assert.Contains("chmod 600", exposed.Warning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"key\":\"x\"}", "neither an Ethereum keystore v3 file")]
    [InlineData("{not json", "is not JSON")]
    [InlineData("1234", "does not hold a secp256k1 key")]
    public void AFileThatIsNoKey_IsRefused(string text, string expected)
    {
        var path = Path.Combine(_folder, "bad.key");
        OwnerOnlyFiles.WriteNewText(path, text);
        var refused = Assert.Throws<InvalidOperationException>(() => RelayerKeyFile.Load(path, null));
        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
        Assert.StartsWith("--key-file: ", refused.Message, StringComparison.Ordinal);
    }

    private string Passphrase(string text)
    {
        var path = Path.Combine(_folder, $"passphrase-{++_passphrases}");
        OwnerOnlyFiles.WriteNewText(path, text);
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
