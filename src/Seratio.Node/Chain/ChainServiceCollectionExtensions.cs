using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Seratio.Node.Chain;

/// <summary>CONTRACT ONLY — implementation pending.</summary>
public static class ChainServiceCollectionExtensions
{
    /// <summary>
    /// Registers the chain database (IChainReader, opened from options section "Chain" with paths
    /// relative to <paramref name="home"/>), the block executor and, on a validator, the block
    /// producer as a hosted service. The caller registers an <see cref="Mempool.ITxPool"/>.
    /// </summary>
    public static IServiceCollection AddSeratioChain(this IServiceCollection services, IConfiguration configuration, string home) =>
        throw new NotImplementedException();
}
