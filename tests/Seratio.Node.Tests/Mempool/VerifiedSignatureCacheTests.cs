using Google.Protobuf;
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

    [Fact]
    public void ASecondEnvelope_SameBody_OtherSignatures_DoesNotRideOnTheFirstsVerification()
    {
        var cache = new VerifiedSignatureCache(10);
        var body = TestTx.From("alice").ClaimingSender("org").Body();
        var k1 = TestTx.Key("k1");
        var k2 = TestTx.Key("k2");
        var k3 = TestTx.Key("k3");
        var first = Decode(TxDecoder.Sign(body, [k1, k2]));
        Assert.True(cache.Verify(first));

        // Same body hash; the first signature is the verified one, the second a forgery by k3's name.
        var envelope = Protocol.Tx.Parser.ParseFrom(TxDecoder.Sign(body, [k1, k3]));
        var forged = envelope.Signatures[1].Signature.ToByteArray();
        forged[3] ^= 0x10;
        envelope.Signatures[1].Signature = Google.Protobuf.ByteString.CopyFrom(forged);
        var second = Decode(envelope.ToByteArray());
        Assert.Equal(first.Hash, second.Hash);
        Assert.False(cache.IsVerified(second));
        Assert.False(cache.Verify(second));

        // A subset of the verified set, or the same signatures in another order, is another set: verified on its own.
        var subset = Decode(TxDecoder.Sign(body, [k1]));
        Assert.False(cache.IsVerified(subset));
        var reordered = Decode(TxDecoder.Sign(body, [k2, k1]));
        Assert.False(cache.IsVerified(reordered));
        Assert.True(cache.Verify(reordered));
        Assert.True(cache.IsVerified(reordered));
    }
}
