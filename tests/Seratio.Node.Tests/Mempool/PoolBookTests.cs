using CsCheck;
using Seratio.Core.Numerics;
using Seratio.Core.Transactions;
using Seratio.Node.Mempool;
using Seratio.Node.Mempool.Admission;

namespace Seratio.Node.Tests.Mempool;

public class PoolBookTests
{
    private static readonly SignedTx Sample = Decode(TestTx.From("alice").Bytes());

    private static SignedTx Decode(byte[] bytes)
    {
        TxDecoder.TryDecode(bytes, FakeChain.TestChainId, TxDecoder.MaxTxBytes, out var tx, out _);
        return tx!;
    }

    [Fact]
    public void NextFreeNonce_EqualsTheLinearScan_ForAnyHeldNonces()
    {
        // CsCheck prints the failing seed; replay with Sample(..., seed: "<seed>").
        Gen.Select(Gen.ULong[0, 5], Gen.Int[0, 40].HashSet[0, 30]).Sample((stateNonce, offsets) =>
        {
            var queue = new AccountQueue(Sample.Sender, new AccountSnapshot(stateNonce, Amount.Zero));
            foreach (var offset in offsets) queue.ByNonce.Add(stateNonce + (ulong)offset, new PoolEntry(Sample, 0, Amount.Zero));
            ulong expected = stateNonce;
            while (queue.ByNonce.ContainsKey(expected)) expected++;
            return queue.NextFreeNonce() == expected;
        });
    }

    [Fact]
    public void Admit_WindowCountsFromTheNextFreeNonce_SoLongRunsFitMaxPerAccount()
    {
        var f = new PoolFixture(new MempoolOptions { NonceWindow = 1, MaxPerAccount = 100 });
        for (ulong n = 0; n < 100; n++)
            Assert.Equal(AdmitOutcome.Accepted, f.Admit(TestTx.From("alice").Nonce(n)).Outcome);
        Assert.Equal(AdmitOutcome.AccountFull, f.Admit(TestTx.From("alice").Nonce(100)).Outcome);
        Assert.Equal(AdmitOutcome.NonceGap, f.Admit(TestTx.From("bob").Nonce(1)).Outcome);
    }

    [Fact]
    public void OnBlockCommitted_ExpiryIndex_RemovesOnlyLiveExpiredEntries()
    {
        var f = new PoolFixture();
        var early = TestTx.From("alice").Nonce(0).Expiry(1);
        var late = TestTx.From("bob").Nonce(0).Expiry(3);
        f.Admit(early);
        f.Admit(late);
        f.Pool.OnBlockCommitted(f.Chain.Commit());
        Assert.False(f.Pool.Contains(early.Hash()));
        Assert.True(f.Pool.Contains(late.Hash()));
        f.Pool.OnBlockCommitted(f.Chain.Commit());
        Assert.True(f.Pool.Contains(late.Hash()));
        f.Pool.OnBlockCommitted(f.Chain.Commit());
        Assert.False(f.Pool.Contains(late.Hash()));
        Assert.Equal(0, f.Pool.Count);
        Assert.Equal(0, f.Pool.Bytes);
    }
}
