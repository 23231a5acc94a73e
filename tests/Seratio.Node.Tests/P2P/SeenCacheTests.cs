using Seratio.Core.Crypto;
using Seratio.Node.P2P.Gossip;

namespace Seratio.Node.Tests.P2P;

public sealed class SeenCacheTests
{
    private static Hash32 H(int i) => Hash32.Sha256(BitConverter.GetBytes(i));

    [Fact]
    public void TryAddReceived_SecondTime_IsADuplicate()
    {
        var cache = new SeenCache(8);
        Assert.True(cache.TryAddReceived(H(1), TestPeers.Id("a")));
        Assert.False(cache.TryAddReceived(H(1), TestPeers.Id("b")));
    }

    [Fact]
    public void Forget_MakesTheSameBytesNewAgain_AndLeavesOthersSeen()
    {
        var cache = new SeenCache(8);
        cache.TryAddReceived(H(1), TestPeers.Id("a"));
        cache.TryAddReceived(H(2), TestPeers.Id("a"));
        cache.Forget(H(1));
        cache.Forget(H(3)); // never seen: nothing to do
        Assert.True(cache.TryAddReceived(H(1), TestPeers.Id("b")));
        Assert.False(cache.TryAddReceived(H(2), TestPeers.Id("b")));
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void MarkBroadcast_OfAReceivedPayload_NamesItsFirstSender()
    {
        var cache = new SeenCache(8);
        cache.TryAddReceived(H(1), TestPeers.Id("a"));
        Assert.Equal(TestPeers.Id("a"), cache.MarkBroadcast(H(1)));
        Assert.Null(cache.MarkBroadcast(H(2)));
        Assert.False(cache.TryAddReceived(H(2), TestPeers.Id("b"))); // our own broadcast echoed back
    }

    [Fact]
    public void Cache_BeyondCapacity_ForgetsTheLeastRecentlySeen()
    {
        var cache = new SeenCache(3);
        var a = TestPeers.Id("a");
        cache.TryAddReceived(H(1), a);
        cache.TryAddReceived(H(2), a);
        cache.TryAddReceived(H(3), a);
        cache.TryAddReceived(H(1), a); // 1 is recent again; 2 is now the oldest
        cache.TryAddReceived(H(4), a);
        Assert.Equal(3, cache.Count);
        Assert.True(cache.Contains(H(1)));
        Assert.False(cache.Contains(H(2)));
        Assert.True(cache.Contains(H(4)));
    }
}
