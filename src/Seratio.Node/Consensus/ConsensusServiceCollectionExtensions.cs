using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Seratio.Consensus.Signing;
using Seratio.Node.Chain;
using Seratio.Node.Mempool;
using Seratio.Node.P2P;
using Seratio.Node.Production;

namespace Seratio.Node.Consensus;

/// <summary>Registration of the consensus driver (multi-validator chains, and block sync on any node with a peer network).</summary>
public static class ConsensusServiceCollectionExtensions
{
    /// <summary>
    /// Registers options "Consensus" and <see cref="ConsensusDriver"/> as a hosted service. With
    /// <paramref name="validator"/> true the driver votes, using the registered <see cref="ValidatorKey"/>,
    /// <see cref="ISignerStateStore"/> and a <see cref="FileConsensusWal"/> at Consensus:WalFile under
    /// <paramref name="home"/>. Needs an <see cref="IPeerNetwork"/> (the "P2P" section).
    /// </summary>
    public static IServiceCollection AddSeratioConsensus(this IServiceCollection services, IConfiguration configuration, string home, bool validator)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ConsensusOptions>().Bind(configuration.GetSection(ConsensusOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConsensusOptions>, ConsensusOptionsValidator>());
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ConsensusOptions>>();
            ConsensusIdentity? identity = null;
            if (validator)
                identity = new ConsensusIdentity(sp.GetRequiredService<ValidatorKey>(), sp.GetRequiredService<ISignerStateStore>(),
                    new FileConsensusWal(Path.GetFullPath(options.Value.WalFile, home)));
            return new ConsensusDriver(sp.GetRequiredService<ChainDatabase>(), sp.GetRequiredService<ITxPool>(), sp.GetRequiredService<IBlockExecution>(),
                sp.GetRequiredService<IPeerNetwork>(), sp.GetRequiredService<TimeProvider>(), options,
                sp.GetRequiredService<ILogger<ConsensusDriver>>(), identity, sp.GetService<Metrics.INodeMetrics>());
        });
        services.AddSingleton<IConsensusStatus>(sp => sp.GetRequiredService<ConsensusDriver>());
        services.AddHostedService(sp => sp.GetRequiredService<ConsensusDriver>());
        return services;
    }
}
