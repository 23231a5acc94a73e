using System.Text.Json;
using Seratio.Cli.Verification;

namespace Seratio.Cli.Tests.Verification;

/// <summary><c>--trust FILE</c>: a genesis file or <c>seratio validators -o json</c> output gives the same set; anything else is refused by name.</summary>
public sealed class TrustedValidatorsTests : IDisposable
{
    private readonly VerificationBuilder _b = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("seratio-trust-").FullName;

    public void Dispose()
    {
        _b.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private string Write(string name, object content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content as string ?? JsonSerializer.Serialize(content));
        return path;
    }

    [Fact]
    public void AGenesisFile_GivesItsValidatorsAndChainId()
    {
        var path = Write("genesis.json", new
        {
            chain_id = VerificationBuilder.ChainId,
            validators = _b.Keys.Select((k, i) => new { name = $"v{i}", public_key = k.PublicKey.ToString(), power = i + 1 }),
        });
        var trusted = TrustedValidatorsFile.Load(path);
        Assert.Equal(_b.Set.Hash, trusted.Set.Hash);
        Assert.Equal(VerificationBuilder.ChainId, trusted.ChainId);
        Assert.StartsWith("genesis file", trusted.Source);
    }

    [Fact]
    public void ValidatorsOutput_GivesTheSet_WithoutAChainId()
    {
        // Shuffled: the set sorts itself, so its hash is the one headers carry.
        var path = Write("validators.json", new
        {
            height = 12,
            validators = _b.Keys.Select((k, i) => new { public_key = k.PublicKey.ToString(), address = "", power = i + 1, name = "" }).Reverse(),
        });
        var trusted = TrustedValidatorsFile.Load(path);
        Assert.Equal(_b.Set.Hash, trusted.Set.Hash);
        Assert.Null(trusted.ChainId);
    }

    [Theory]
    [InlineData("[]", "not a JSON object")]
    [InlineData("{\"height\": 3}", "neither a genesis file")]
    [InlineData("{\"validators\": [{\"public_key\": \"zz\", \"power\": 1}]}", "validators[0].public_key")]
    [InlineData("{\"validators\": [{\"power\": 1}]}", "validators[0] needs a public_key")]
    [InlineData("{\"chain_id\": \"x\", \"validators\": []}", "not a valid genesis file")]
    [InlineData("not json", "is not JSON")]
    public void AnythingElse_IsRefusedWithAReason(string content, string reason)
    {
        var ex = Assert.Throws<FormatException>(() => TrustedValidatorsFile.Load(Write("bad.json", content)));
        Assert.Contains(reason, ex.Message);
    }
}
