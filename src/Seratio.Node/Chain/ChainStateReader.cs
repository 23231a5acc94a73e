using Seratio.Core.Crypto;
using Seratio.Core.State;
namespace Seratio.Node.Chain;

/// <summary>State as of the end of one height, read through the chain database. Thread safe as the chain reader is.</summary>
internal sealed class ChainStateReader(IChainReader chain, ulong height) : IStateReader
{
    public ulong Height { get; } = height;

    public byte[]? Get(in Hash32 key) => chain.GetState(key, Height);
}
