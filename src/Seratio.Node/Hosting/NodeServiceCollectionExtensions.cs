using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Seratio.Node.Api;
using Seratio.Node.Mempool;

namespace Seratio.Node.Hosting;

/// <summary>Registers the mempool and the public API (the chain registers itself: AddSeratioChain).</summary>
public static class NodeServiceCollectionExtensions
{
    /// <summary>
    /// Options "Mempool" and "Api" (validated on start), the signature cache, <see cref="TxPool"/>
    /// as itself and as <see cref="ITxPool"/>, the chain follower, gRPC with the request size
    /// limit and the error interceptor, and reflection. Registers <see cref="TimeProvider.System"/>
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

        var api = configuration.GetSection(ApiOptions.Section).Get<ApiOptions>() ?? new ApiOptions();
        services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = api.MaxReceiveMessageBytes;
            grpc.EnableDetailedErrors = false;
            grpc.Interceptors.Add<ApiErrorInterceptor>();
        });
        services.AddGrpcReflection();
        return services;
    }
}
