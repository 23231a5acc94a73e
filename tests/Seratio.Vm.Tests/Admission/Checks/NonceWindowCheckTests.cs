using Seratio.Core.Numerics;
using Seratio.Vm.Admission.Checks;
using Seratio.Vm.State;
using Seratio.Vm.Tests.Support;

namespace Seratio.Vm.Tests.Admission.Checks;

public class NonceWindowCheckTests
{
    // At admission: account nonce 5, nonces 5 and 6 pending (next free 7), window 4 (7..10 may be held).
    private const ulong StateNonce = 5;
    private const ulong NextFree = 7;
    private const int Window = 4;

    [Theory]
    // mode, tx nonce, a pending tx holds it, outcome, reason fragment
    [InlineData(TxCheckMode.Admission, 4UL, false, TxCheckOutcome.NonceTooLow, "nonce 4 already used; next is 7")]
    [InlineData(TxCheckMode.Admission, 0UL, false, TxCheckOutcome.NonceTooLow, "nonce 0 already used")]
    [InlineData(TxCheckMode.Admission, 5UL, true, TxCheckOutcome.NonceTaken, "already taken by pending transaction")]
    [InlineData(TxCheckMode.Admission, 6UL, true, TxCheckOutcome.NonceTaken, "next free nonce is 7")]
    [InlineData(TxCheckMode.Admission, 7UL, false, TxCheckOutcome.Accepted, "")]
    [InlineData(TxCheckMode.Admission, 8UL, false, TxCheckOutcome.Accepted, "")]
    [InlineData(TxCheckMode.Admission, 10UL, false, TxCheckOutcome.Accepted, "")]
    [InlineData(TxCheckMode.Admission, 11UL, false, TxCheckOutcome.NonceGap, "holds at most 3 beyond it; submit nonces 7..10 first")]
    [InlineData(TxCheckMode.Admission, ulong.MaxValue, false, TxCheckOutcome.NonceGap, "too far ahead")]
    [InlineData(TxCheckMode.Execution, 5UL, false, TxCheckOutcome.Accepted, "")]
    [InlineData(TxCheckMode.Execution, 4UL, false, TxCheckOutcome.NonceTooLow, "nonce 4 is not the account nonce 5")]
    [InlineData(TxCheckMode.Execution, 6UL, false, TxCheckOutcome.NonceGap, "nonce 6 is not the account nonce 5")]
    public void Check_JudgesTheNonceAgainstTheAccountAndItsPendingTransactions(TxCheckMode mode, ulong nonce, bool held, TxCheckOutcome expected, string reason)
    {
        var tx = TxBuilder.From("alice").Nonce(nonce).Transfer("bob", 1).FakeSignature().Build();
        var sender = mode == TxCheckMode.Execution
            ? SenderView.AtExecution(new AccountRecord(StateNonce, 1_000))
            : new SenderView(StateNonce, 1_000, NextFree, held ? Contexts.SomeHash : null, Amount.Zero, Window);

        var result = new NonceWindowCheck().Check(tx, Contexts.Of(mode, sender: sender));

        Assert.Equal(expected, result.Outcome);
        Assert.Contains(reason, result.Reason);
        if (expected == TxCheckOutcome.NonceTaken) Assert.Contains(Contexts.SomeHash.ToString(), result.Reason);
    }

    [Theory]
    [InlineData(TxCheckMode.Admission, 1)]
    [InlineData(TxCheckMode.Admission, 64)]
    [InlineData(TxCheckMode.Execution, 1)]
    public void Check_WithExhaustedAccountNonce_IsNonceTooLow(TxCheckMode mode, int window)
    {
        var tx = TxBuilder.From("alice").Nonce(ulong.MaxValue).Transfer("bob", 1).FakeSignature().Build();
        var sender = new SenderView(ulong.MaxValue, 1_000, ulong.MaxValue, null, Amount.Zero, window);

        var result = new NonceWindowCheck().Check(tx, Contexts.Of(mode, sender: sender));

        Assert.Equal(TxCheckOutcome.NonceTooLow, result.Outcome);
        Assert.Contains("exhausted", result.Reason);
    }

    [Theory]
    [InlineData(0UL, TxCheckOutcome.Accepted)]
    [InlineData(1UL, TxCheckOutcome.NonceGap)]
    public void Check_WithWindowOfOne_AllowsNoGap(ulong ahead, TxCheckOutcome expected)
    {
        var tx = TxBuilder.From("alice").Nonce(3 + ahead).Transfer("bob", 1).FakeSignature().Build();

        var result = new NonceWindowCheck().Check(tx, Contexts.Admission(sender: Contexts.Sender(3, 1_000, window: 1)));

        Assert.Equal(expected, result.Outcome);
    }
}
