using System.Buffers.Binary;
using System.Text;
using Seratio.Core.Crypto;

namespace Seratio.Consensus.Votes;

/// <summary>
/// The exact bytes a validator signs for a proposal or vote:
/// "seratio/vote" || len(chain id) (1 byte) || chain id (UTF-8) || height (8 BE) || round (4 BE)
/// || step (1 byte) || block hash (32). Pure; thread safe.
/// </summary>
public static class VoteSignBytes
{
    public static byte[] Create(string chainId, ulong height, uint round, VoteStep step, Hash32 blockHash)
    {
        ArgumentNullException.ThrowIfNull(chainId);
        var chain = Encoding.UTF8.GetBytes(chainId);
        if (chain.Length > 255) throw new ArgumentException("chain id is longer than 255 bytes", nameof(chainId));
        var tag = Domains.Vote.Tag;
        var result = new byte[tag.Length + 1 + chain.Length + 8 + 4 + 1 + Hash32.Size];
        var span = result.AsSpan();
        tag.CopyTo(span);
        span = span[tag.Length..];
        span[0] = (byte)chain.Length;
        chain.CopyTo(span[1..]);
        span = span[(1 + chain.Length)..];
        BinaryPrimitives.WriteUInt64BigEndian(span, height);
        BinaryPrimitives.WriteUInt32BigEndian(span[8..], round);
        span[12] = (byte)step;
        blockHash.CopyTo(span[13..]);
        return result;
    }
}
