using Seratio.Core.Crypto;
using Seratio.Node.Chain;

namespace Seratio.Node.Tests.Chain;

public class TreeNodeCacheTests
{
    private static Hash32 H(int i) => Hash32.Sha256(BitConverter.GetBytes(i));

    [Fact]
    public void Add_ThenTryGet_ReturnsTheNode()
    {
        var cache = new TreeNodeCache(4);
        cache.Add(H(1), [1, 2, 3]);
        Assert.True(cache.TryGet(H(1), out var node));
        Assert.Equal([1, 2, 3], node);
        Assert.False(cache.TryGet(H(2), out _));
    }

    [Fact]
    public void Add_WhenFull_EmptiesTheCacheFirst()
    {
        var cache = new TreeNodeCache(3);
        for (int i = 0; i < 3; i++) cache.Add(H(i), [(byte)i]);
        Assert.Equal(3, cache.Count);
        cache.Add(H(9), [9]);
        Assert.Equal(1, cache.Count);
        Assert.False(cache.TryGet(H(0), out _));
        Assert.True(cache.TryGet(H(9), out _));
    }

    [Fact]
    public void Add_WithCapacityZero_KeepsNothing()
    {
        var cache = new TreeNodeCache(0);
        cache.Add(H(1), [1]);
        Assert.False(cache.TryGet(H(1), out _));
    }
}
