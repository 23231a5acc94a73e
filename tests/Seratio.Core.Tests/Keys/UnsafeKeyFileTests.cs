using Seratio.Core.Crypto;
using Seratio.Core.Keys;

namespace Seratio.Core.Tests.Keys;

public sealed class UnsafeKeyFileTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void PlainKey_WithUnsafeInItsName_LoadsWithoutAskingForAPassphrase()
    {
        using var key = SigningKey.ForTesting("devnet/dev-0");
        var path = _dir.File("dev-0.devnet-unsafe.key");
        UnsafeKeyFile.Write(path, key);

        var loaded = KeyFiles.Load(path, () => throw new InvalidOperationException("must not prompt"));
        var info = KeyFiles.Inspect(path);

        Assert.True(loaded.IsOk, loaded.Error);
        Assert.Equal(key.PublicKey, loaded.Value!.PublicKey);
        Assert.False(info.Value!.Encrypted);
        Assert.Equal("dev-0.devnet-unsafe", info.Value.Name);
    }

    [Fact]
    public void PlainKey_WithoutUnsafeInItsName_IsRefused()
    {
        using var key = SigningKey.ForTesting("x");
        var unsafePath = _dir.File("x.devnet-unsafe.key");
        UnsafeKeyFile.Write(unsafePath, key);
        var renamed = _dir.File("validator.key");
        File.Move(unsafePath, renamed);

        var loaded = KeyFiles.Load(renamed, () => "pw");

        Assert.Equal(KeystoreOutcome.PlainKeyRefused, loaded.Outcome);
        Assert.Contains("unsafe", loaded.Error);
    }

    [Fact]
    public void Write_WithoutUnsafeInTheFileName_Throws()
    {
        using var key = SigningKey.ForTesting("y");

        Assert.Throws<ArgumentException>(() => UnsafeKeyFile.Write(_dir.File("y.key"), key));
    }

    [Fact]
    public void UnsafeInTheFolderName_DoesNotCount()
    {
        var folder = _dir.File("unsafe-folder");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "plain.key");
        File.WriteAllText(path, "{\"seed\":\"" + new string('1', 64) + "\"}");

        Assert.Equal(KeystoreOutcome.PlainKeyRefused, KeyFiles.Load(path, () => "pw").Outcome);
    }

    [Fact]
    public void PlainKey_WithBadSeed_IsCorrupted()
    {
        var path = _dir.File("bad.devnet-unsafe.key");
        File.WriteAllText(path, "{\"seed\":\"1234\"}");

        Assert.Equal(KeystoreOutcome.Corrupted, KeyFiles.Load(path, () => "pw").Outcome);
    }
}
