using System.Text.Json.Nodes;
using Seratio.Core.Crypto;
using Seratio.Core.Keys;

namespace Seratio.Core.Tests.Keys;

public sealed class KeystoreTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly Keystore _store;

    public KeystoreTests() => _store = new Keystore(_dir.Path, KdfParameters.Fast);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Import_ThenExport_ReturnsTheSameSeed()
    {
        var seed = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        var added = _store.Import("alice", seed, "correct horse");
        Assert.True(added.IsOk, added.Error);

        var exported = _store.Export("alice", "correct horse");

        Assert.True(exported.IsOk, exported.Error);
        Assert.Equal(seed, exported.Value);
        using var expected = SigningKey.FromSeed(seed);
        Assert.Equal(expected.Address, added.Value!.Address);
    }

    [Fact]
    public void Add_WritesAFileThatShowAndListDescribeWithoutThePassphrase()
    {
        var added = _store.Add("bob", "pw");
        Assert.True(added.IsOk, added.Error);

        var shown = _store.Show("bob");
        var listed = _store.List();

        Assert.True(shown.IsOk, shown.Error);
        Assert.Equal(added.Value!.Address, shown.Value!.Address);
        Assert.True(shown.Value.Encrypted);
        Assert.Equal(["bob"], listed.Select(r => r.Value!.Name));
        var json = JsonNode.Parse(File.ReadAllText(_store.PathOf("bob")))!;
        Assert.Equal("argon2id", (string?)json["kdf"]!["alg"]);
        Assert.Equal("xchacha20-poly1305", (string?)json["cipher"]!["alg"]);
        Assert.Equal(added.Value.Address.ToString(), (string?)json["address"]);
        Assert.Equal(["address", "cipher", "kdf", "name", "public_key", "version"], json.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(["alg", "iters", "mem", "par", "salt"], json["kdf"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(["alg", "ciphertext", "nonce"], json["cipher"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Unlock_WithWrongPassphrase_FailsWithWrongPassphrase()
    {
        _store.Add("carol", "right");

        var result = _store.Unlock("carol", () => "wrong");

        Assert.Equal(KeystoreOutcome.WrongPassphrase, result.Outcome);
        Assert.Contains("wrong passphrase", result.Error);
    }

    [Fact]
    public void Add_WithExistingName_IsRefusedAndKeepsTheOldKey()
    {
        var first = _store.Add("dave", "pw");

        var second = _store.Add("dave", "pw");

        Assert.Equal(KeystoreOutcome.AlreadyExists, second.Outcome);
        Assert.Equal(first.Value!.Address, _store.Show("dave").Value!.Address);
    }

    [Theory]
    [InlineData("")]
    [InlineData(".hidden")]
    [InlineData("a/b")]
    [InlineData("..")]
    [InlineData("name with space")]
    [InlineData("my-unsafe-key")]
    public void Add_WithUnusableName_IsRefused(string name)
    {
        var result = _store.Add(name, "pw");

        Assert.Equal(KeystoreOutcome.InvalidName, result.Outcome);
    }

    [Fact]
    public void Unlock_WithFlippedCiphertextByte_FailsWithoutThrowing()
    {
        _store.Add("erin", "pw");
        var path = _store.PathOf("erin");
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        var ct = (string)json["cipher"]!["ciphertext"]!;
        json["cipher"]!["ciphertext"] = (ct[0] == '0' ? "1" : "0") + ct[1..];
        File.WriteAllText(path, json.ToJsonString());

        var result = _store.Unlock("erin", () => "pw");

        Assert.Equal(KeystoreOutcome.WrongPassphrase, result.Outcome);
    }

    [Fact]
    public void Show_WithAddressSwappedForAnotherKeys_IsCorrupted()
    {
        _store.Add("frank", "pw");
        var path = _store.PathOf("frank");
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        using var other = SigningKey.ForTesting("other");
        json["address"] = other.Address.ToString();
        File.WriteAllText(path, json.ToJsonString());

        var result = _store.Show("frank");

        Assert.Equal(KeystoreOutcome.Corrupted, result.Outcome);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("[]")]
    [InlineData("{\"version\":1}")]
    [InlineData("{\"version\":1,\"name\":\"x\",\"address\":\"x\",\"public_key\":\"00\",\"kdf\":{\"salt\":\"00\"},\"cipher\":{\"nonce\":\"00\",\"ciphertext\":\"00\"}}")]
    public void Unlock_OfCorruptedFile_IsCorruptedNotAnException(string content)
    {
        File.WriteAllText(_store.PathOf("gina"), content);

        var result = _store.Unlock("gina", () => "pw");

        Assert.Equal(KeystoreOutcome.Corrupted, result.Outcome);
        Assert.Contains("corrupted", result.Error);
    }

    [Fact]
    public void Unlock_OfHostileKdfCost_IsRefusedBeforeDerivation()
    {
        _store.Add("hank", "pw");
        var path = _store.PathOf("hank");
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        json["kdf"]!["mem"] = 64L * 1024 * 1024 * 1024;
        File.WriteAllText(path, json.ToJsonString());

        var result = _store.Unlock("hank", () => "pw");

        Assert.Equal(KeystoreOutcome.Corrupted, result.Outcome);
        Assert.Contains("kdf.mem", result.Error);
    }

    [Fact]
    public void Unlock_OfMissingName_IsNotFound()
    {
        var result = _store.Unlock("nobody", () => throw new InvalidOperationException("must not prompt"));

        Assert.Equal(KeystoreOutcome.NotFound, result.Outcome);
    }

    [Fact]
    public void ParseSeedHex_AcceptsExactly64HexDigits()
    {
        Assert.True(Keystore.ParseSeedHex(new string('a', 64)).IsOk);
        Assert.True(Keystore.ParseSeedHex(" 0x" + new string('B', 64) + "\n").IsOk);
        Assert.Equal(KeystoreOutcome.InvalidSeed, Keystore.ParseSeedHex(new string('a', 63)).Outcome);
        Assert.Equal(KeystoreOutcome.InvalidSeed, Keystore.ParseSeedHex(new string('g', 64)).Outcome);
    }
}
