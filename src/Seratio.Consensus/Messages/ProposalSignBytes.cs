using System.Buffers.Binary;
using System.Text;
using Seratio.Core.Crypto;

namespace Seratio.Consensus.Messages;

/// <summary>
/// The exact bytes a proposer signs: "seratio/proposal" || len(chain id) (1 byte) || chain id
/// (UTF-8) || height (8 BE) || round (4 BE) || pol_round (4 BE, two's complement, -1 = none)
/// || block hash (32). Pure; thread safe.
/// </summary>
public static class ProposalSignBytes
{
    public static byte[] Create(string chainId, ulong height, uint round, int polRound, Hash32 blockHash)
    {
        ArgumentNullException.ThrowIfNull(chainId);
        var chain = Encoding.UTF8.GetBytes(chainId);
        if (chain.Length > 255) throw new ArgumentException("chain id is longer than 255 bytes", nameof(chainId));
        var tag = Domains.Proposal.Tag;
        var result = new byte[tag.Length + 1 + chain.Length + 8 + 4 + 4 + Hash32.Size];
        var span = result.AsSpan();
        tag.CopyTo(span);
        span = span[tag.Length..];
        span[0] = (byte)chain.Length;
        chain.CopyTo(span[1..]);
        span = span[(1 + chain.Length)..];
        BinaryPrimitives.WriteUInt64BigEndian(span, height);
        BinaryPrimitives.WriteUInt32BigEndian(span[8..], round);
        BinaryPrimitives.WriteInt32BigEndian(span[12..], polRound);
        blockHash.CopyTo(span[16..]);
        return result;
    }
}
