using Google.Protobuf;
using Seratio.Core.Crypto;
using Seratio.Protocol;

namespace Seratio.Consensus.Messages;

/// <summary>
/// A block's id, the hash validators vote on: SHA-256("seratio/header" || encoded header), the
/// same hash the node stores blocks under. Nil is <see cref="Hash32.Zero"/> in votes and sign
/// bytes. Pure; thread safe.
/// </summary>
public static class BlockIds
{
    public static Hash32 Of(Block block)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (block.Header is null) throw new ArgumentException("the block has no header", nameof(block));
        return Hashing.Hash(Domains.Header, block.Header.ToByteArray());
    }
}
