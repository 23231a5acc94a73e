using Seratio.Core.Chain;
using Seratio.Node.Mempool;

namespace Seratio.Node.Tests.Mempool;

public class TxPoolAdmissionTests
{
    [Fact]
    public void Admit_ValidTransfer_IsAccepted()
    {
        var f = new PoolFixture();
        var tx = TestTx.From("alice").Nonce(0);
        var result = f.Admit(tx);
        Assert.Equal(AdmitOutcome.Accepted, result.Outcome);
        Assert.Equal(tx.Hash(), result.TxHash);
        Assert.Equal(1, f.Pool.Count);
        Assert.True(f.Pool.Contains(tx.Hash()));
    }

    [Fact]
    public void Admit_LargerThanMaxTxBytes_IsOversized()
    {
        var f = new PoolFixture(parameters: new ChainParams { MaxTxBytes = 256 });
        var result = f.Admit(TestTx.From("alice").Memo(new string('m', 200)));
        Assert.Equal(AdmitOutcome.Oversized, result.Outcome);
        Assert.Contains("the limit is 256", result.Reason);
    }

    [Fact]
    public void Admit_GarbageBytes_IsMalformed()
    {
        var f = new PoolFixture();
        Assert.Equal(AdmitOutcome.Malformed, f.Pool.Admit(new byte[] { 0xFF, 0xFF, 0xFF }).Outcome);
    }

    [Fact]
    public void Admit_TruncatedTx_IsMalformed()
    {
        var f = new PoolFixture();
        var bytes = TestTx.From("alice").Bytes();
        Assert.Equal(AdmitOutcome.Malformed, f.Pool.Admit(bytes.AsMemory(0, bytes.Length - 10)).Outcome);
    }

    [Fact]
    public void Admit_SignedForAnotherChain_IsWrongChain()
    {
        var f = new PoolFixture();
        var result = f.Admit(TestTx.From("alice").Chain("other-chain"));
        Assert.Equal(AdmitOutcome.WrongChain, result.Outcome);
        Assert.Contains("other-chain", result.Reason);
    }

    [Fact]
    public void Admit_WithBrokenSignature_IsBadSignature()
    {
        var f = new PoolFixture();
        var result = f.Pool.Admit(TestTx.From("alice").WithBrokenSignature());
        Assert.Equal(AdmitOutcome.BadSignature, result.Outcome);
        Assert.Equal(0, f.Pool.Count);
    }

    [Fact]
    public void Admit_SignedByAnotherKeyThanTheSender_IsBadSignature()
    {
        var f = new PoolFixture();
        var result = f.Admit(TestTx.From("alice").ClaimingSender("bob"));
        Assert.Equal(AdmitOutcome.BadSignature, result.Outcome);
        Assert.Contains("not to the sender", result.Reason);
    }

    [Theory]
    [InlineData("0", "SER", "amount is 0")]
    [InlineData("007", "SER", "leading zero")]
    [InlineData("10", "XYZ", "denom")]
    public void Admit_WithBadTransferField_IsInvalidField(string amount, string denom, string expected)
    {
        var f = new PoolFixture();
        var result = f.Admit(TestTx.From("alice").AmountText(amount).Denom(denom));
        Assert.Equal(AdmitOutcome.InvalidField, result.Outcome);
        Assert.Contains(expected, result.Reason);
    }

    [Fact]
    public void Admit_SameTxTwice_IsAlreadyPending()
    {
        var f = new PoolFixture();
        var tx = TestTx.From("alice");
        Assert.True(f.Admit(tx).IsAccepted);
        Assert.Equal(AdmitOutcome.AlreadyPending, f.Admit(tx).Outcome);
    }

    [Fact]
    public void Admit_TxAlreadyInABlock_IsAlreadyCommitted()
    {
        var f = new PoolFixture();
        var tx = TestTx.From("alice");
        f.Chain.Commit(tx.Bytes());
        var result = f.Admit(tx);
        Assert.Equal(AdmitOutcome.AlreadyCommitted, result.Outcome);
        Assert.Contains("GetTx", result.Reason);
    }

    [Fact]
    public void Submit_WithReusedNonce_IsRejectedWithNextNonce()
    {
        var f = new PoolFixture();
        f.Chain.SetAccount(TestTx.Key("alice").Address, 5, 1_000_000);
        var result = f.Admit(TestTx.From("alice").Nonce(3));
        Assert.Equal(AdmitOutcome.NonceTooLow, result.Outcome);
        Assert.Equal("nonce 3 already used; next is 5", result.Reason);
    }

    [Fact]
    public void Admit_DifferentTxWithPendingNonce_IsNonceTaken()
    {
        var f = new PoolFixture();
        var first = TestTx.From("alice").Nonce(0).Amount(1);
        Assert.True(f.Admit(first).IsAccepted);
        var result = f.Admit(TestTx.From("alice").Nonce(0).Amount(2));
        Assert.Equal(AdmitOutcome.NonceTaken, result.Outcome);
        Assert.Contains(first.Hash().ToString(), result.Reason);
        Assert.Contains("next free nonce is 1", result.Reason);
    }

    [Fact]
    public void Admit_NonceBeyondWindow_IsNonceGap()
    {
        var f = new PoolFixture(new MempoolOptions { NonceWindow = 4 });
        Assert.True(f.Admit(TestTx.From("alice").Nonce(3)).IsAccepted);
        var result = f.Admit(TestTx.From("alice").Nonce(4));
        Assert.Equal(AdmitOutcome.NonceGap, result.Outcome);
        Assert.Contains("submit nonces 0..3 first", result.Reason);
    }

    [Fact]
    public void Admit_ExpiryBelowNextHeight_IsExpired()
    {
        var f = new PoolFixture();
        f.Pool.OnBlockCommitted(f.Chain.Commit());
        f.Pool.OnBlockCommitted(f.Chain.Commit());
        var result = f.Admit(TestTx.From("alice").Expiry(2));
        Assert.Equal(AdmitOutcome.Expired, result.Outcome);
        Assert.Contains("the next block is 3", result.Reason);
        Assert.True(f.Admit(TestTx.From("alice").Expiry(3)).IsAccepted);
    }

    [Fact]
    public void Admit_GasPriceBelowMinimum_IsFeeTooLow()
    {
        var f = new PoolFixture(parameters: new ChainParams { MinGasPrice = 2 });
        var result = f.Admit(TestTx.From("alice").GasPrice(1));
        Assert.Equal(AdmitOutcome.FeeTooLow, result.Outcome);
        Assert.Contains("minimum 2", result.Reason);
    }

    [Fact]
    public void Admit_GasLimitBelowIntrinsicGas_IsInvalidField()
    {
        var f = new PoolFixture();
        var result = f.Admit(TestTx.From("alice").GasLimit(1_000));
        Assert.Equal(AdmitOutcome.InvalidField, result.Outcome);
        Assert.Contains("gas_limit 1000", result.Reason);
    }

    [Fact]
    public void Admit_SpendingMoreThanBalanceWithPending_IsInsufficientFunds()
    {
        var f = new PoolFixture();
        f.Chain.SetAccount(TestTx.Key("alice").Address, 0, 100);
        Assert.True(f.Admit(TestTx.From("alice").Nonce(0).Amount(60)).IsAccepted);
        var result = f.Admit(TestTx.From("alice").Nonce(1).Amount(60));
        Assert.Equal(AdmitOutcome.InsufficientFunds, result.Outcome);
        Assert.Contains("plus 60 of pending transactions", result.Reason);
        Assert.True(f.Admit(TestTx.From("alice").Nonce(1).Amount(40)).IsAccepted);
    }

    [Fact]
    public void Admit_FeeCountsTowardsFunds()
    {
        var f = new PoolFixture();
        f.Chain.SetAccount(TestTx.Key("alice").Address, 0, 100_010);
        Assert.Equal(AdmitOutcome.InsufficientFunds, f.Admit(TestTx.From("alice").Amount(11).GasPrice(1)).Outcome);
        Assert.True(f.Admit(TestTx.From("alice").Amount(10).GasPrice(1)).IsAccepted);
    }

    [Fact]
    public void Admit_WhenPoolHoldsMaxTxs_IsPoolFull()
    {
        var f = new PoolFixture(new MempoolOptions { MaxTxs = 2 });
        Assert.True(f.Admit(TestTx.From("alice").Nonce(0)).IsAccepted);
        Assert.True(f.Admit(TestTx.From("bob").Nonce(0)).IsAccepted);
        var result = f.Admit(TestTx.From("carol").Nonce(0));
        Assert.Equal(AdmitOutcome.PoolFull, result.Outcome);
        Assert.Contains("retry after the next block", result.Reason);
    }

    [Fact]
    public void Admit_WhenPoolIsFull_RefusesBeforeVerifyingTheSignature()
    {
        var f = new PoolFixture(new MempoolOptions { MaxTxs = 1 });
        Assert.True(f.Admit(TestTx.From("alice").Nonce(0)).IsAccepted);
        // A forged signature would be BadSignature in a pool with room: a full pool sheds it before verifying.
        var result = f.Pool.Admit(TestTx.From("bob").Nonce(0).WithBrokenSignature());
        Assert.Equal(AdmitOutcome.PoolFull, result.Outcome);
        f.Pool.OnBlockCommitted(f.Chain.Commit(f.Pool.Reap(10, 1 << 20)));
        Assert.Equal(AdmitOutcome.BadSignature, f.Pool.Admit(TestTx.From("bob").Nonce(0).WithBrokenSignature()).Outcome);
    }

    [Fact]
    public void Admit_WhenPoolHoldsMaxBytes_IsPoolFull()
    {
        var size = TestTx.From("alice").Bytes().Length;
        var f = new PoolFixture(new MempoolOptions { MaxBytes = size + size / 2 });
        Assert.True(f.Admit(TestTx.From("alice").Nonce(0)).IsAccepted);
        Assert.Equal(AdmitOutcome.PoolFull, f.Admit(TestTx.From("bob").Nonce(0)).Outcome);
    }

    [Fact]
    public void Admit_WhenSenderHoldsMaxPerAccount_IsAccountFull()
    {
        var f = new PoolFixture(new MempoolOptions { MaxPerAccount = 2 });
        Assert.True(f.Admit(TestTx.From("alice").Nonce(0)).IsAccepted);
        Assert.True(f.Admit(TestTx.From("alice").Nonce(1)).IsAccepted);
        Assert.Equal(AdmitOutcome.AccountFull, f.Admit(TestTx.From("alice").Nonce(2)).Outcome);
        Assert.True(f.Admit(TestTx.From("bob").Nonce(0)).IsAccepted);
    }

    [Fact]
    public void Admit_ExpiredWithBrokenSignature_IsExpired_WithoutVerifying()
    {
        // Expiry comes before the signature in the documented order: a stale tx costs no verification.
        var f = new PoolFixture();
        f.Pool.OnBlockCommitted(f.Chain.Commit());
        f.Pool.OnBlockCommitted(f.Chain.Commit());
        var result = f.Pool.Admit(TestTx.From("alice").Expiry(1).WithBrokenSignature());
        Assert.Equal(AdmitOutcome.Expired, result.Outcome);
        Assert.Equal(0, f.Cache.Count);
    }

    [Fact]
    public void Admit_WrongChainAndExpired_IsWrongChain()
    {
        var f = new PoolFixture();
        f.Pool.OnBlockCommitted(f.Chain.Commit());
        f.Pool.OnBlockCommitted(f.Chain.Commit());
        Assert.Equal(AdmitOutcome.WrongChain, f.Admit(TestTx.From("alice").Chain("other-chain").Expiry(1)).Outcome);
    }

    [Fact]
    public void Admit_NonceWithinWindow_IsHeld()
    {
        var f = new PoolFixture(new MempoolOptions { NonceWindow = 4 });
        Assert.True(f.Admit(TestTx.From("alice").Nonce(0)).IsAccepted);
        Assert.True(f.Admit(TestTx.From("alice").Nonce(4)).IsAccepted);
        Assert.Equal(AdmitOutcome.NonceGap, f.Admit(TestTx.From("alice").Nonce(5)).Outcome);
        Assert.Single(f.Pool.Reap(10, int.MaxValue));
    }

    [Fact]
    public void Admit_VerifiesSignatureOnceAndCachesIt()
    {
        var f = new PoolFixture();
        Assert.Equal(0, f.Cache.Count);
        Assert.True(f.Admit(TestTx.From("alice")).IsAccepted);
        Assert.Equal(1, f.Cache.Count);
    }
}
