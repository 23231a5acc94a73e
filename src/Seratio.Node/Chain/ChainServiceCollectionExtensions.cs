using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Seratio.Consensus.Signing;
using Seratio.Core.Chain;
using Seratio.Core.State;
using Seratio.Node.Consensus;
using Seratio.Node.Production;
using Seratio.Node.Storage;
using Seratio.Vm.Execution;

namespace Seratio.Node.Chain;

/// <summary>Registration of the chain database, block execution, block production and consensus.</summary>
public static class ChainServiceCollectionExtensions
{
    /// <summary>
    /// Registers the chain database (IChainReader, opened from options section "Chain" with paths
    /// relative to <paramref name="home"/>), the block executor and: on the validator of a
    /// one-validator genesis, the block producer; with a "P2P" section, the consensus driver (voting
    /// when the genesis names several validators and this node's key is one of them, else block sync
    /// only). A genesis of several validators without "P2P" is refused. The caller registers an
    /// <see cref="Mempool.ITxPool"/>.
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
                throw new FileNotFoundException($"No genesis file at {genesisPath}; set Chain:GenesisFile, copy the network's genesis.json there, or write a network with `seratio testnet init`.", genesisPath);
            // A registered commitment factory replaces the sparse Merkle tree (tests, simulation).
            var commitment = sp.GetService<Func<ITreeNodeSource, IStateCommitment>>();
            return ChainDatabase.Open(options.ChainPath(home), Genesis.Load(genesisPath), Seratio.Vm.Genesis.GenesisState.Build, commitment);
        });
        services.TryAddSingleton<IChainReader>(sp => sp.GetRequiredService<ChainDatabase>());
        services.TryAddSingleton<BlockExecutor>();
        services.TryAddSingleton<IBlockExecution, VmBlockExecution>();

        // Decided at registration: the producer exists only on a node that holds a validator key.
        var chainOptions = configuration.GetSection(ChainOptions.Section).Get<ChainOptions>() ?? new ChainOptions();
        var keyPath = chainOptions.ValidatorKeyPath(home);
        // A genesis with several validators is run by the consensus driver over the peer network; the
        // single-validator producer keeps serving one-validator chains.
        var genesisPath = chainOptions.GenesisPath(home);
        int validators = File.Exists(genesisPath) ? Genesis.Load(genesisPath).Validators.Count : 1;
        bool p2p = configuration.GetSection("P2P").Exists();
        if (validators > 1 && !p2p)
            throw new InvalidOperationException(
                $"The genesis names {validators} validators: the node needs the peer network to reach them. Add a \"P2P\" section to node.json (docs/p2p.md).");
        bool validator = File.Exists(keyPath);
        if (validator)
        {
            services.TryAddSingleton(_ => ValidatorKey.Load(keyPath, chainOptions.ValidatorKeyPassphrasePath(home)));
            services.TryAddSingleton(sp => new Api.NodeIdentity(sp.GetRequiredService<ValidatorKey>().Key.Address));
            services.TryAddSingleton<ISignerStateStore>(_ => new FileSignerStateStore(chainOptions.SignerStatePath(home)));
            if (validators == 1)
            {
                services.AddSingleton<BlockProducer>();
                services.AddHostedService(sp => sp.GetRequiredService<BlockProducer>());
            }
        }
        if (p2p) services.AddSeratioConsensus(configuration, home, validator && validators > 1);
        return services;
    }
}
