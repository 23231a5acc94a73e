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
        var result = ChainSignBytes.Create(Domains.Vote, chainId, 8 + 4 + 1 + Hash32.Size, out var span);
        BinaryPrimitives.WriteUInt64BigEndian(span, height);
        BinaryPrimitives.WriteUInt32BigEndian(span[8..], round);
        span[12] = (byte)step;
        blockHash.CopyTo(span[13..]);
        return result;
    }
}
