using Seratio.Node.Consensus;
using Seratio.Protocol;

namespace Seratio.Node.Tests.Consensus;

public sealed class FutureMessagesTests
{
    private static ConsensusMessage Vote(ulong height) => new() { Vote = new Vote { Height = height } };

    [Fact]
    public void Keeps_UpToThreeHeightsPastTheHead_AndGivesEachHeightItsMessagesInOrder()
    {
        var future = new FutureMessages();
        Assert.True(future.TryKeep(Vote(12), new byte[] { 1 }, 12, head: 10));
        Assert.True(future.TryKeep(Vote(13), new byte[] { 2 }, 13, head: 10));
        Assert.True(future.TryKeep(Vote(12), new byte[] { 3 }, 12, head: 10));
        Assert.False(future.TryKeep(Vote(14), new byte[] { 4 }, 14, head: 10)); // the caller makes the network forget it

        var due = future.TakeFor(12);
        Assert.Equal([1, 3], due.Select(d => d.Payload.Span[0]));
        Assert.Equal(1, future.Count);
        Assert.Empty(future.TakeFor(12));
        Assert.Single(future.TakeFor(13));
    }

    [Fact]
    public void TakeFor_DropsOlderHeights()
    {
        var future = new FutureMessages();
        future.TryKeep(Vote(11), new byte[] { 1 }, 11, head: 9);
        Assert.Empty(future.TakeFor(12));
        Assert.Equal(0, future.Count);
    }

    [Fact]
    public void Keeps_NoMoreThanItsCapacity()
    {
        var future = new FutureMessages();
        for (int i = 0; i < FutureMessages.Capacity; i++) Assert.True(future.TryKeep(Vote(2), ReadOnlyMemory<byte>.Empty, 2, head: 1));
        Assert.False(future.TryKeep(Vote(2), ReadOnlyMemory<byte>.Empty, 2, head: 1));
    }
}
