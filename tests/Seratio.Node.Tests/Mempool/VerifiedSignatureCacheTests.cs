using Seratio.Core.Transactions;
using Seratio.Node.Mempool;

namespace Seratio.Node.Tests.Mempool;

public class VerifiedSignatureCacheTests
{
    private static SignedTx Decode(byte[] bytes)
    {
        Assert.Equal(TxFormatError.None, TxDecoder.TryDecode(bytes, FakeChain.TestChainId, TxDecoder.MaxTxBytes, out var tx, out var reason));
        return tx!;
    }

    [Fact]
    public void Verify_ForgedSignatureOnCachedBody_IsRefused()
    {
        var cache = new VerifiedSignatureCache(10);
        var builder = TestTx.From("alice");
        var good = Decode(builder.Bytes());
        var forged = Decode(builder.WithBrokenSignature());
        Assert.Equal(good.Hash, forged.Hash);
        Assert.True(cache.Verify(good));
        Assert.False(cache.IsVerified(forged));
        Assert.False(cache.Verify(forged));
        Assert.True(cache.IsVerified(good));
    }

    [Fact]
    public void Add_BeyondCapacity_EvictsTheOldest()
    {
        var cache = new VerifiedSignatureCache(2);
        var txs = Enumerable.Range(0, 3).Select(n => Decode(TestTx.From("alice").Nonce((ulong)n).Bytes())).ToArray();
        foreach (var tx in txs) cache.Add(tx);
        Assert.Equal(2, cache.Count);
        Assert.False(cache.IsVerified(txs[0]));
        Assert.True(cache.IsVerified(txs[1]));
        Assert.True(cache.IsVerified(txs[2]));
    }
}
