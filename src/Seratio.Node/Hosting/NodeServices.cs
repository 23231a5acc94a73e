using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Seratio.Consensus.Signing;
using Seratio.Core.Chain;
using Seratio.Core.State;
using Seratio.Node.Anchoring;
using Seratio.Node.Api;
using Seratio.Node.Blocks;
using Seratio.Node.Chain;
using Seratio.Node.Chain.Retention;
using Seratio.Node.Consensus;
using Seratio.Node.Mempool;
using Seratio.Node.P2P;
using Seratio.Node.Relaying;
using Seratio.Bridges.Contracts;
using Seratio.Bridges.Relaying;
using Seratio.Node.Storage;
using Seratio.Vm.Execution;

namespace Seratio.Node.Hosting;

/// <summary>
/// The node's composition root, with <see cref="NodeHost"/>, <see cref="P2PHostingExtensions"/> and
/// <see cref="MetricsHostingExtensions"/> beside it in Hosting: every service of a node is registered in this
/// folder and nowhere else (a test of the folder graph holds every other folder to one-way dependencies).
/// </summary>
public static class NodeServices
{
    /// <summary>
    /// Registers the chain database (IChainReader, opened from options section "Chain" with paths relative to
    /// <paramref name="home"/>), block execution and the consensus driver, which runs every chain: a one-validator
    /// chain decides each height with its own votes, several validators agree over the peer network, and a node
    /// without a validator key follows by block sync. With a validator key (Chain:ValidatorKeyFile) the node votes
    /// wherever the chain's validator set holds that key. A genesis of several validators without a "P2P" section is
    /// refused. The caller registers an <see cref="ITxPool"/> (<see cref="AddSeratioMempoolAndApi"/>).
    /// </summary>
    public static IServiceCollection AddSeratioChain(this IServiceCollection services, IConfiguration configuration, string home)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(home);
        home = Path.GetFullPath(home);

        services.AddOptions<ChainOptions>().Bind(configuration.GetSection(ChainOptions.Section)).ValidateOnStart();
        services.AddOptions<ConsensusOptions>().Bind(configuration.GetSection(ConsensusOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChainOptions>, ChainOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConsensusOptions>, ConsensusOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ChainOptions>>().Value;
            var genesisPath = options.GenesisPath(home);
            if (!File.Exists(genesisPath))
                throw new FileNotFoundException($"No genesis file at {genesisPath}; set Chain:GenesisFile, copy the network's genesis.json there, or write a network with `seratio testnet init`.", genesisPath);
            // A registered commitment factory replaces the sparse Merkle tree (tests, simulation).
            var commitment = sp.GetService<Func<ITreeNodeSource, IStateCommitment>>();
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var retention = new ChainRetention((ulong)Math.Max(0, storage.KeepStates), (ulong)Math.Max(0, storage.KeepBlocks));
            return ChainDatabase.Open(options.ChainPath(home), Genesis.Load(genesisPath), Seratio.Vm.Genesis.GenesisState.Build, commitment, retention);
        });
        services.TryAddSingleton<IChainReader>(sp => sp.GetRequiredService<ChainDatabase>());

        // The free-disk guard watches the chain's disk: it refuses transactions, then stops the node, before RocksDB fills it.
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        services.TryAddSingleton(sp => new DiskSpaceGuard(sp.GetRequiredService<IOptions<ChainOptions>>().Value.ChainPath(home),
            sp.GetRequiredService<IOptions<StorageOptions>>(), sp.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<DiskSpaceGuard>>()));
        services.AddHostedService(sp => sp.GetRequiredService<DiskSpaceGuard>());
        services.TryAddSingleton<BlockExecutor>();
        services.TryAddSingleton<IBlockExecution, VmBlockExecution>();

        var chainOptions = configuration.GetSection(ChainOptions.Section).Get<ChainOptions>() ?? new ChainOptions();
        var genesisPath = chainOptions.GenesisPath(home);
        var genesis = File.Exists(genesisPath) ? Genesis.Load(genesisPath) : null;
        int validators = genesis?.Validators.Count ?? 1;
        bool p2p = configuration.GetSection(P2POptions.Section).Exists();
        if (validators > 1 && !p2p)
            throw new InvalidOperationException(
                $"The genesis names {validators} validators: the node needs the peer network to reach them. Add a \"P2P\" section to node.json (docs/p2p.md).");

        // Decided at registration: a node votes only when it holds a validator key.
        var keyPath = chainOptions.ValidatorKeyPath(home);
        bool validator = File.Exists(keyPath);
        // Retention (docs/operations.md, "Retention"): archive by default; validators keep every block.
        services.AddSingleton<IValidateOptions<StorageOptions>>(new RetentionRulesValidator(validator, genesis?.Params.EvidenceMaxAgeHeights ?? 0));
        services.AddHostedService(sp => new RetentionService(sp.GetRequiredService<ChainDatabase>(),
            TimeSpan.FromMilliseconds(sp.GetRequiredService<IOptions<StorageOptions>>().Value.PruneIntervalMs),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<RetentionService>>()));
        if (validator)
        {
            services.TryAddSingleton(_ => ValidatorKey.Load(keyPath, chainOptions.ValidatorKeyPassphrasePath(home)));
            services.TryAddSingleton(sp => new NodeIdentity(sp.GetRequiredService<ValidatorKey>().Key.Address));
            services.TryAddSingleton<ISignerStateStore>(_ => new FileSignerStateStore(chainOptions.SignerStatePath(home)));
            // The P2P port proves the validator key (P2PHostingExtensions loads a node key only when none is registered).
            services.TryAddSingleton(sp => NodeKey.Borrow(sp.GetRequiredService<ValidatorKey>().Key));
            AddCheckpointSigner(services, configuration, home);
        }
        // Without a "P2P" section the driver runs over no peers: enough for a one-validator chain or a read-only copy.
        if (!p2p)
            services.TryAddSingleton<IPeerNetwork>(sp => new NoPeerNetwork(
                sp.GetService<ValidatorKey>()?.Key.PublicKey ?? new Seratio.Core.Crypto.PublicKey(new byte[Seratio.Core.Crypto.PublicKey.Size])));

        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ConsensusOptions>>();
            ConsensusIdentity? identity = null;
            if (validator)
                identity = new ConsensusIdentity(sp.GetRequiredService<ValidatorKey>(), sp.GetRequiredService<ISignerStateStore>(),
                    new FileConsensusWal(Path.GetFullPath(options.Value.WalFile, home)));
            return new ConsensusDriver(sp.GetRequiredService<ChainDatabase>(), sp.GetRequiredService<ITxPool>(), sp.GetRequiredService<IBlockExecution>(),
                sp.GetRequiredService<IPeerNetwork>(), sp.GetRequiredService<TimeProvider>(), options,
                sp.GetRequiredService<ILogger<ConsensusDriver>>(), identity, sp.GetService<Metrics.INodeMetrics>(),
                sp.GetService<VerifiedSignatureCache>());
        });
        services.AddSingleton<IConsensusStatus>(sp => sp.GetRequiredService<ConsensusDriver>());
        services.AddHostedService(sp => sp.GetRequiredService<ConsensusDriver>());
        AddHostedRelayers(services, configuration, home);
        return services;
    }

    /// <summary>
    /// Options "Relayers" (validated on start, naming each bad setting) and, when it lists targets, the
    /// <see cref="HostedRelayers"/> reading checkpoints from this node's chain and reporting into the node's metrics
    /// registry when metrics are on (docs/anchoring.md "Relayers").
    /// </summary>
    private static void AddHostedRelayers(IServiceCollection services, IConfiguration configuration, string home)
    {
        services.AddOptions<RelayersOptions>().Bind(configuration.GetSection(RelayersOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RelayersOptions>>(new RelayersOptionsValidator(home)));
        var relayers = configuration.GetSection(RelayersOptions.Section).Get<RelayersOptions>() ?? new RelayersOptions();
        if (relayers.Targets.Count == 0) return;
        services.AddSingleton(sp => new HostedRelayers(sp.GetRequiredService<IOptions<RelayersOptions>>(), home,
            new ChainCheckpointSource(sp.GetRequiredService<IChainReader>()),
            AnchorArtifacts.Load(Path.Combine(AppContext.BaseDirectory, "anchor")),
            sp.GetRequiredService<ILoggerFactory>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetService<Metrics.NodeMetrics>() is { } metrics ? new RelayerMetrics(metrics.Registry) : NullRelayerMetrics.Instance));
        services.AddHostedService(sp => sp.GetRequiredService<HostedRelayers>());
    }

    /// <summary>
    /// Options "Anchoring" and, on a validator whose anchor key file exists (Anchoring:AnchorKeyFile) unless
    /// Anchoring:SignCheckpoints is false, the <see cref="CheckpointSigner"/> (it admits into the <see cref="TxPool"/>).
    /// </summary>
    private static void AddCheckpointSigner(IServiceCollection services, IConfiguration configuration, string home)
    {
        services.AddOptions<AnchoringOptions>().Bind(configuration.GetSection(AnchoringOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AnchoringOptions>, AnchoringOptionsValidator>());
        var anchoring = configuration.GetSection(AnchoringOptions.Section).Get<AnchoringOptions>() ?? new AnchoringOptions();
        var anchorKeyPath = anchoring.AnchorKeyPath(home);
        if (!anchoring.SignCheckpoints || !File.Exists(anchorKeyPath)) return;
        services.TryAddSingleton(_ => AnchorKey.Load(anchorKeyPath, anchoring.AnchorKeyPassphrasePath(home)));
        services.AddHostedService<CheckpointSigner>();
    }

    /// <summary>
    /// Options "Mempool" and "Api" (validated on start), the signature cache, <see cref="TxPool"/>
    /// as itself and as <see cref="ITxPool"/>, the chain follower, gRPC with the request size
    /// limit and the error interceptor, the undecodable-request log, and reflection listing NodeApi and
    /// reflection itself only (the P2P port's PeerApi answers nothing on the API port). Registers <see cref="TimeProvider.System"/>
    /// and a non-validator <see cref="NodeIdentity"/> unless already registered.
    /// </summary>
    public static IServiceCollection AddSeratioMempoolAndApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MempoolOptions>().Bind(configuration.GetSection(MempoolOptions.Section)).ValidateOnStart();
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MempoolOptions>, MempoolOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ApiOptions>, ApiOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(NodeIdentity.NonValidator);
        services.AddSingleton(sp => new VerifiedSignatureCache(sp.GetRequiredService<IOptions<MempoolOptions>>().Value.VerifiedCacheSize));
        services.AddSingleton<TxPool>();
        services.AddSingleton<ITxPool>(sp => sp.GetRequiredService<TxPool>());
        services.AddHostedService<MempoolChainFollower>();
        services.TryAddSingleton<Consensus.State.ConsensusStateReader>();
        services.AddSingleton<StreamLimiter>(); // one budget for every call's streams (gRPC creates a service per call)

        var api = configuration.GetSection(ApiOptions.Section).Get<ApiOptions>() ?? new ApiOptions();
        services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = api.MaxReceiveMessageBytes;
            grpc.EnableDetailedErrors = false;
            grpc.Interceptors.Add<ApiErrorInterceptor>();
        });
        services.AddSingleton<UndecodableRequestLog>();
        // Registered before AddGrpcReflection, which only adds its own (every mapped service) when none is.
        Google.Protobuf.Reflection.ServiceDescriptor[] listed =
            [Protocol.NodeApi.Descriptor, Grpc.Reflection.V1Alpha.ServerReflection.Descriptor, Grpc.Reflection.V1.ServerReflection.Descriptor];
        services.TryAddSingleton(new Grpc.Reflection.ReflectionServiceImpl(listed));
        services.TryAddSingleton(new Grpc.Reflection.ReflectionV1ServiceImpl(listed));
        services.AddGrpcReflection();
        return services;
    }
}
