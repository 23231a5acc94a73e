using Seratio.Core.Numerics;
using Seratio.Vm.Admission.Checks;
using Seratio.Vm.State;
using Seratio.Vm.Tests.Support;

namespace Seratio.Vm.Tests.Admission.Checks;

public class FundsCheckTests
{
    [Theory]
    // At admission: balance 1,000,000, pending spend 100,000, gas limit 100,000.
    // gas price, SER amount, outcome
    [InlineData(1UL, 800_000UL, TxCheckOutcome.Accepted)]
    [InlineData(1UL, 1UL, TxCheckOutcome.Accepted)]
    [InlineData(1UL, 800_001UL, TxCheckOutcome.InsufficientFunds)]
    [InlineData(9UL, 1UL, TxCheckOutcome.InsufficientFunds)]
    [InlineData(8UL, 100_000UL, TxCheckOutcome.Accepted)]
    public void Check_AtAdmission_BalanceCoversMaxSpendPlusPending(ulong gasPrice, ulong amount, TxCheckOutcome expected)
    {
        var tx = TxBuilder.From("alice").Gas(100_000, gasPrice).Transfer("bob", amount).FakeSignature().Build();
        var sender = new SenderView(0, 1_000_000, 0, null, 100_000, 64);

        var result = new FundsCheck().Check(tx, Contexts.Admission(sender: sender));

        Assert.Equal(expected, result.Outcome);
        if (!result.IsAccepted) Assert.Contains("plus 100000 of pending transactions", result.Reason);
    }

    [Theory]
    // At execution only the maximal fee counts (messages check their own amounts): gas limit 100,000.
    // balance, gas price, SER amount, outcome
    [InlineData(100_000UL, 1UL, 1UL, TxCheckOutcome.Accepted)]
    [InlineData(100_000UL, 1UL, 5_000_000UL, TxCheckOutcome.Accepted)]
    [InlineData(99_999UL, 1UL, 1UL, TxCheckOutcome.InsufficientFunds)]
    [InlineData(0UL, 0UL, 1UL, TxCheckOutcome.Accepted)]
    [InlineData(299_999UL, 3UL, 1UL, TxCheckOutcome.InsufficientFunds)]
    public void Check_AtExecution_BalanceCoversTheMaxFee(ulong balance, ulong gasPrice, ulong amount, TxCheckOutcome expected)
    {
        var tx = TxBuilder.From("alice").Gas(100_000, gasPrice).Transfer("bob", amount).FakeSignature().Build();

        var result = new FundsCheck().Check(tx, Contexts.Execution(sender: SenderView.AtExecution(new AccountRecord(0, balance))));

        Assert.Equal(expected, result.Outcome);
        if (!result.IsAccepted)
            Assert.Equal($"balance {balance} cannot pay gas_limit 100000 × gas_price {gasPrice} = {100_000 * gasPrice} (SER base units)", result.Reason);
    }

    [Fact]
    public void Check_WhenMaxSpendOverflows_IsInsufficientFundsForAnyBalance()
    {
        var max = UInt128.MaxValue.ToString();
        var tx = TxBuilder.From("alice").Transfer("bob", max).Transfer("carol", max).FakeSignature().Build();

        var result = new FundsCheck().Check(tx, Contexts.Admission(sender: Contexts.Sender(0, Amount.MaxValue)));

        Assert.Equal(TxCheckOutcome.InsufficientFunds, result.Outcome);
        Assert.Contains("exceeds 2^128-1", result.Reason);
    }
}
