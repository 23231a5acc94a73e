using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Seratio.Core.Crypto;
using Seratio.Core.Keys;
using Seratio.Core.State;
using Seratio.Node.Chain;
using Seratio.Node.Mempool;
using Seratio.Node.Production;
using Seratio.Node.Tests.Chain;

namespace Seratio.Node.Tests.Production;

public sealed class ProducerConfigurationTests : IDisposable
{
    private readonly TempDir _home = new();
    public void Dispose() => _home.Dispose();

    [Theory]
    [InlineData(200, 5000, true)]
    [InlineData(200, 200, true)]
    [InlineData(0, 5000, false)]
    [InlineData(500, 100, false)]
    public void ProducerOptions_AreValidated(int interval, int empty, bool valid)
    {
        var result = new ProducerOptionsValidator().Validate(null, new ProducerOptions { BlockIntervalMs = interval, EmptyBlockIntervalMs = empty });
        Assert.Equal(valid, result.Succeeded);
    }

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

    private ServiceProvider Services(bool withKey)
    {
        Directory.CreateDirectory(_home.Sub("config"));
        Directory.CreateDirectory(_home.Sub("keys"));
        File.WriteAllText(_home.Sub("config/genesis.json"), Build.Genesis().ToJson());
        if (withKey)
        {
            using var key = SigningKey.ForTesting("validator");
            UnsafeKeyFile.Write(_home.Sub("keys/validator.devnet-unsafe.key"), key);
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Chain:Producer:EmptyBlockIntervalMs"] = "7000",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<ITxPool, TestPool>();
        services.AddSingleton<IBlockExecution, TestExecution>(); // Vm's executor is still a stub in this branch
        services.AddSingleton<Func<ITreeNodeSource, IStateCommitment>>(nodes => new TestCommitment(nodes));
        services.AddSeratioChain(configuration, _home.Path);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void AddSeratioChain_WithValidatorKey_RegistersChainAndProducer()
    {
        using var provider = Services(withKey: true);
        Assert.Equal(7000, provider.GetRequiredService<IOptions<ProducerOptions>>().Value.EmptyBlockIntervalMs);
        Assert.Equal(200, provider.GetRequiredService<IOptions<ProducerOptions>>().Value.BlockIntervalMs);
        var producer = Assert.IsType<BlockProducer>(Assert.Single(provider.GetServices<IHostedService>()));
        Assert.True(producer.CanProduce);
        var chain = provider.GetRequiredService<IChainReader>();
        Assert.Same(provider.GetRequiredService<ChainDatabase>(), chain);
        Assert.Equal(Build.ChainId, chain.ChainId);
        Assert.True(Directory.Exists(_home.Sub("data/chain")));
    }

    [Fact]
    public void AddSeratioChain_WithoutValidatorKey_RegistersNoProducer()
    {
        using var provider = Services(withKey: false);
        Assert.Empty(provider.GetServices<IHostedService>());
        Assert.Equal(0UL, provider.GetRequiredService<IChainReader>().Head.Height);
    }
}
