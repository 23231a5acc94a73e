using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Seratio.Core.Crypto;
using Seratio.Core.Keys;
using Seratio.Core.State;
using Seratio.Node.Blocks;
using Seratio.Node.Chain;
using Seratio.Node.Consensus;
using Seratio.Node.Hosting;
using Seratio.Node.Mempool;
using Seratio.Node.P2P;
using Seratio.Node.Tests.Blocks;
using Seratio.Node.Tests.Chain;

namespace Seratio.Node.Tests.Hosting;

/// <summary>The composition root registers one block pipeline for every chain: the consensus driver.</summary>
public sealed class NodeServicesTests : IDisposable
{
    private readonly TempDir _home = new();
    public void Dispose() => _home.Dispose();

    private ServiceProvider Services(bool withKey, int validators = 1, bool p2p = false)
    {
        Directory.CreateDirectory(_home.Sub("config"));
        Directory.CreateDirectory(_home.Sub("keys"));
        var keys = Enumerable.Range(0, validators).Select(i => i == 0 ? SigningKey.ForTesting("validator") : SigningKey.ForTesting($"other-{i}")).ToArray();
        File.WriteAllText(_home.Sub("config/genesis.json"), Build.Genesis(Build.ChainId, keys).ToJson());
        if (withKey) UnsafeKeyFile.Write(_home.Sub("keys/validator.devnet-unsafe.key"), keys[0]);
        var settings = new Dictionary<string, string?> { ["Consensus:EmptyBlockIntervalMs"] = "7000" };
        if (p2p) settings["P2P:Listen"] = "127.0.0.1:0";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IHostApplicationLifetime, Microsoft.Extensions.Hosting.Internal.ApplicationLifetime>();
        services.AddSingleton<ITxPool, TestPool>();
        services.AddSingleton<IBlockExecution, TestExecution>();
        services.AddSingleton<Func<ITreeNodeSource, IStateCommitment>>(nodes => new TestCommitment(nodes));
        services.AddSeratioChain(configuration, _home.Path);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void WithAValidatorKeyAndNoPeerNetwork_TheDriverRunsTheChainOverNoPeers()
    {
        using var provider = Services(withKey: true);
        var hosted = provider.GetServices<IHostedService>().ToList();
        var driver = Assert.Single(hosted.OfType<ConsensusDriver>());
        Assert.Single(hosted.OfType<Seratio.Node.Storage.DiskSpaceGuard>());
        Assert.Single(hosted.OfType<Seratio.Node.Chain.Retention.RetentionService>()); // idle on an archive node, the default
        Assert.Equal(3, hosted.Count);
        Assert.Same(driver, provider.GetRequiredService<IConsensusStatus>());
        var network = Assert.IsType<NoPeerNetwork>(provider.GetRequiredService<IPeerNetwork>());
        Assert.Equal(SigningKey.ForTesting("validator").PublicKey, network.Self.Key);
        Assert.Equal(7000, provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<ConsensusOptions>>().Value.EmptyBlockIntervalMs);
        Assert.Equal(SigningKey.ForTesting("validator").PublicKey, provider.GetRequiredService<NodeKey>().Key.PublicKey);
        Assert.Same(provider.GetRequiredService<ChainDatabase>(), provider.GetRequiredService<IChainReader>());
        Assert.True(Directory.Exists(_home.Sub("data/chain")));
    }

    [Fact]
    public void WithoutAValidatorKey_TheDriverFollowsWithoutVoting()
    {
        using var provider = Services(withKey: false);
        var driver = Assert.Single(provider.GetServices<IHostedService>().OfType<ConsensusDriver>());
        Assert.False(driver.IsValidator);
        Assert.Null(provider.GetService<ValidatorKey>());
        Assert.Equal(0UL, provider.GetRequiredService<IChainReader>().Head.Height);
    }

    [Fact]
    public void SeveralValidatorsWithoutAPeerNetwork_AreRefusedWithWhatToAdd()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Services(withKey: true, validators: 2));
        Assert.Contains("\"P2P\"", ex.Message);
    }
}
