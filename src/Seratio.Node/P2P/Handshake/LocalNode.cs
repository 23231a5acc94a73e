using Seratio.Core.Crypto;

namespace Seratio.Node.P2P.Handshake;

/// <summary>
/// What this node proves in a handshake: its node key on its chain. The key is owned by whoever
/// registered it (the validator key, or the node key). Immutable; thread safe (signing is).
/// </summary>
public sealed record LocalNode(SigningKey Key, string ChainId, Hash32 GenesisHash)
{
    public PeerId Id { get; } = new(Key.PublicKey);
}
