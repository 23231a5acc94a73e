using Seratio.Cli.Devnet;
using Seratio.Core.Chain;
using Seratio.Core.Crypto;

namespace Seratio.Cli.Tests.Devnet;

public sealed class GenesisFileTests
{
    private static string RepositoryGenesisPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Seratio.Chain.sln")))
                return Path.Combine(dir.FullName, "genesis.json");
        throw new InvalidOperationException("repository root (Seratio.Chain.sln) not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void CommittedGenesis_EqualsTheForTestingDerivation()
    {
        var expected = DevnetGenesis.Build();

        Hash32? committed = null;
        try { committed = Genesis.Load(RepositoryGenesisPath()).Hash(); }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException) { }

        Assert.True(expected.Hash() == committed, "genesis.json drifted from DevnetKeys; expected:\n" + expected.ToJson());
    }

    [Fact]
    public void CommittedGenesis_NamesTheDevnetValidatorAndFundsFourDevAccounts()
    {
        var genesis = Genesis.Load(RepositoryGenesisPath());
        using var validator = SigningKey.ForTesting("devnet/validator-0");

        Assert.Equal("seratio-devnet-1", genesis.ChainId);
        Assert.Equal(1795651200000, genesis.GenesisTimeUnixMs);
        Assert.Equal(0UL, genesis.Params.MinGasPrice);
        var v = Assert.Single(genesis.Validators);
        Assert.Equal(validator.PublicKey.ToString(), v.PublicKey);
        Assert.Equal(10UL, v.Power);
        Assert.Equal(4, genesis.Accounts.Count);
        for (int i = 0; i < 4; i++)
        {
            using var dev = SigningKey.ForTesting($"devnet/dev-{i}");
            Assert.Equal(dev.Address.ToString(), genesis.Accounts[i].Address);
            Assert.Equal("1000000000000", genesis.Accounts[i].Balance);
        }
    }

    [Fact]
    public void EmbeddedGenesis_IsTheCommittedFile()
    {
        Assert.Equal(File.ReadAllText(RepositoryGenesisPath()), EmbeddedGenesis.Text());
    }
}
