using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Seratio.Consensus.Signing;
using Seratio.Core.Chain;
using Seratio.Core.State;
using Seratio.Node.Production;
using Seratio.Node.Storage;
using Seratio.Vm.Execution;

namespace Seratio.Node.Chain;

/// <summary>Registration of the chain database, block execution and (on a validator) block production.</summary>
public static class ChainServiceCollectionExtensions
{
    /// <summary>
    /// Registers the chain database (IChainReader, opened from options section "Chain" with paths
    /// relative to <paramref name="home"/>), the block executor and, on a validator, the block
    /// producer as a hosted service. The caller registers an <see cref="Mempool.ITxPool"/>.
    /// </summary>
    public static IServiceCollection AddSeratioChain(this IServiceCollection services, IConfiguration configuration, string home)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(home);
        home = Path.GetFullPath(home);

        services.AddOptions<ChainOptions>().Bind(configuration.GetSection(ChainOptions.Section)).ValidateOnStart();
        services.AddOptions<ProducerOptions>().Bind(configuration.GetSection(ProducerOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChainOptions>, ChainOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ProducerOptions>, ProducerOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ChainOptions>>().Value;
            var genesisPath = options.GenesisPath(home);
            if (!File.Exists(genesisPath))
                throw new FileNotFoundException($"No genesis file at {genesisPath}; set Chain:GenesisFile or create one with `seratio genesis`.", genesisPath);
            // A registered commitment factory replaces the sparse Merkle tree (tests, simulation).
            var commitment = sp.GetService<Func<ITreeNodeSource, IStateCommitment>>();
            return ChainDatabase.Open(options.ChainPath(home), Genesis.Load(genesisPath), commitment);
        });
        services.TryAddSingleton<IChainReader>(sp => sp.GetRequiredService<ChainDatabase>());
        services.TryAddSingleton<BlockExecutor>();
        services.TryAddSingleton<IBlockExecution, VmBlockExecution>();

        // Decided at registration: the producer exists only on a node that holds a validator key.
        var chainOptions = configuration.GetSection(ChainOptions.Section).Get<ChainOptions>() ?? new ChainOptions();
        var keyPath = chainOptions.ValidatorKeyPath(home);
        if (File.Exists(keyPath))
        {
            services.TryAddSingleton(_ => ValidatorKey.Load(keyPath, chainOptions.ValidatorKeyPassphrasePath(home)));
            services.TryAddSingleton(sp => new Api.NodeIdentity(sp.GetRequiredService<ValidatorKey>().Key.Address));
            services.TryAddSingleton<ISignerStateStore>(_ => new FileSignerStateStore(chainOptions.SignerStatePath(home)));
            services.AddSingleton<BlockProducer>();
            services.AddHostedService(sp => sp.GetRequiredService<BlockProducer>());
        }
        return services;
    }
}
