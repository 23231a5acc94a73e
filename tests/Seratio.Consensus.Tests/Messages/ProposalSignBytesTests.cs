using System.Text;
using Seratio.Consensus.Messages;
using Seratio.Consensus.Votes;
using Seratio.Core.Crypto;

namespace Seratio.Consensus.Tests.Messages;

public class ProposalSignBytesTests
{
    [Fact]
    public void Layout_IsDomainChainHeightRoundPolRoundHash()
    {
        var hash = Hash32.Sha256("b"u8);
        var bytes = ProposalSignBytes.Create("ch", 0x0102030405060708, 9, -1, hash);
        var expected = Encoding.ASCII.GetBytes("seratio/proposal")
            .Concat(new byte[] { 2, (byte)'c', (byte)'h', 1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 9, 0xFF, 0xFF, 0xFF, 0xFF })
            .Concat(hash.ToArray()).ToArray();
        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void ProposalBytes_NeverEqualVoteBytes()
    {
        var hash = Hash32.Sha256("b"u8);
        Assert.NotEqual(VoteSignBytes.Create("ch", 1, 0, VoteStep.Propose, hash), ProposalSignBytes.Create("ch", 1, 0, -1, hash));
    }

    [Fact]
    public void BlockId_IsTheHeaderHash()
    {
        var block = Simulation.SimBlocks.Build(3, Hash32.Zero, TestValidators.Key(0).PublicKey, 5, 7, valid: true);
        var expected = Hashing.Hash(Domains.Header, Google.Protobuf.MessageExtensions.ToByteArray(block.Header));
        Assert.Equal(expected, BlockIds.Of(block));
        block.Txs.Clear(); // the body is bound through the header's roots, not hashed again
        Assert.Equal(expected, BlockIds.Of(block));
    }
}
