using Google.Protobuf;
using Seratio.Node.Consensus;
using Seratio.Protocol;

namespace Seratio.IntegrationTests.Consensus;

/// <summary>Block sync messages: round trips, and peer garbage is refused without an exception.</summary>
public sealed class SyncMessagesTests
{
    [Fact]
    public void StatusAndRequest_RoundTrip()
    {
        Assert.True(SyncMessages.TryDecode(SyncMessages.Status(42), out var status));
        Assert.Equal((SyncKind.Status, 42UL), (status.Kind, status.Height));
        Assert.True(SyncMessages.TryDecode(SyncMessages.Request(7, 32), out var request));
        Assert.Equal((SyncKind.Request, 7UL, 32U), (request.Kind, request.Height, request.Count));
        Assert.True(SyncMessages.TryDecode(SyncMessages.Pruned(90), out var pruned));
        Assert.Equal((SyncKind.Pruned, 90UL), (pruned.Kind, pruned.Height));
    }

    [Fact]
    public void BlockWithCommit_RoundTrips()
    {
        var block = new Block { Header = new BlockHeader { Height = 5, ChainId = "c" } };
        block.Txs.Add(ByteString.CopyFromUtf8("tx"));
        var commit = new Commit { Height = 5, Round = 2, BlockHash = ByteString.CopyFrom(new byte[32]) };
        Assert.True(SyncMessages.TryDecode(SyncMessages.BlockWithCommit(block, commit), out var message));
        Assert.Equal(SyncKind.Block, message.Kind);
        Assert.Equal(5UL, message.Height);
        Assert.Equal(block, message.Block);
        Assert.Equal(commit, message.Commit);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 1, 0, 0 })]                          // short status
    [InlineData(new byte[] { 2, 0, 0, 0, 0, 0, 0, 0, 1 })]        // short request
    [InlineData(new byte[] { 3, 0, 0, 0, 9, 1 })]                 // block length beyond the payload
    [InlineData(new byte[] { 3, 0xFF, 0xFF, 0xFF, 0xFF })]        // negative block length
    [InlineData(new byte[] { 3, 0, 0, 0, 1, 0xFF })]              // not a block
    [InlineData(new byte[] { 3, 0, 0, 0, 0 })]                    // a block without header
    [InlineData(new byte[] { 4, 0, 0, 0, 0, 0, 0, 1 })]           // short pruned
    [InlineData(new byte[] { 9, 1, 2, 3 })]                       // unknown kind
    public void Garbage_IsRefused(byte[] payload)
    {
        Assert.False(SyncMessages.TryDecode(payload, out _));
    }
}
