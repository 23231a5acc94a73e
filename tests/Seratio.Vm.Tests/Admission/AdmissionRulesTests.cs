using Seratio.Core.Numerics;
using Seratio.Protocol;
using Seratio.Vm.Admission;
using Seratio.Vm.Tests.Support;

namespace Seratio.Vm.Tests.Admission;

public class AdmissionRulesTests
{
    private const ulong StateNonce = 5;
    private const ulong Pending = 2;
    private const ulong NextHeight = 100;
    private static readonly AccountState Account = new() { Nonce = StateNonce, Balance = "1000000" };
    private static readonly Amount PendingSpend = 100_000;

    public static TheoryData<string, ulong, ulong, ulong, ulong, AdmissionOutcome> Cases => new()
    {
        // name, nonce, gas price, expiry, amount, outcome (gas limit is 100 000)
        { "next nonce", 7, 1, 0, 1, AdmissionOutcome.Accepted },
        { "expiry at next height", 7, 1, NextHeight, 1, AdmissionOutcome.Accepted },
        { "spends the exact rest", 7, 1, 0, 800_000, AdmissionOutcome.Accepted },
        { "used nonce", 4, 1, 0, 1, AdmissionOutcome.NonceTooLow },
        { "state nonce held by a pending tx", 5, 1, 0, 1, AdmissionOutcome.NonceAlreadyPending },
        { "last pending nonce", 6, 1, 0, 1, AdmissionOutcome.NonceAlreadyPending },
        { "gap of one", 8, 1, 0, 1, AdmissionOutcome.NonceGap },
        { "expired", 7, 1, NextHeight - 1, 1, AdmissionOutcome.Expired },
        { "price below minimum", 7, 0, 0, 1, AdmissionOutcome.FeeTooLow },
        { "one unit too much", 7, 1, 0, 800_001, AdmissionOutcome.InsufficientFunds },
        { "fee alone too much", 7, 9, 0, 1, AdmissionOutcome.InsufficientFunds },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Check_ReportsTheOutcome(string name, ulong nonce, ulong gasPrice, ulong expiry, ulong amount, AdmissionOutcome expected)
    {
        var tx = TxBuilder.From("alice").Nonce(nonce).Gas(100_000, gasPrice).Expiry(expiry).Transfer("bob", amount).FakeSignature().Build();

        var result = AdmissionRules.Check(Account, tx, Blocks.Params, NextHeight, StateNonce + Pending, PendingSpend);

        Assert.True(expected == result.Outcome, $"{name}: expected {expected}, got {result.Outcome} ({result.Reason})");
        Assert.Equal(expected == AdmissionOutcome.Accepted, result.IsAccepted);
        Assert.Equal(result.IsAccepted, result.Reason.Length == 0);
    }

    [Fact]
    public void MaxSpend_IsFeeCapPlusSerTransfers()
    {
        var tx = TxBuilder.From("alice").Gas(1_000, 3)
            .Transfer("bob", "40").Transfer("carol", "2").Transfer("bob", "9", denom: "USD").FakeSignature().Build();

        Assert.Equal(new Amount(3_000 + 42), AdmissionRules.MaxSpend(tx));
    }

    [Fact]
    public void MaxSpend_Saturates_InsteadOfOverflowing()
    {
        var max = UInt128.MaxValue.ToString();
        var tx = TxBuilder.From("alice").Transfer("bob", max).Transfer("carol", max).FakeSignature().Build();

        Assert.Equal(Amount.MaxValue, AdmissionRules.MaxSpend(tx));
        var rich = new AccountState { Nonce = 0, Balance = max };
        Assert.Equal(AdmissionOutcome.InsufficientFunds, AdmissionRules.Check(rich, tx, Blocks.Params, 1, 0, Amount.Zero).Outcome);
    }

    [Fact]
    public void Check_WithExpectedNonceBelowStateNonce_IsACallerBug()
    {
        var tx = TxBuilder.From("alice").Nonce(7).Transfer("bob", 1).FakeSignature().Build();
        Assert.Throws<ArgumentOutOfRangeException>(() => AdmissionRules.Check(Account, tx, Blocks.Params, 1, StateNonce - 1, Amount.Zero));
    }

    [Theory]
    [InlineData(AdmissionOutcome.Accepted, ResultCode.Ok)]
    [InlineData(AdmissionOutcome.Expired, ResultCode.Expired)]
    [InlineData(AdmissionOutcome.NonceTooLow, ResultCode.BadNonce)]
    [InlineData(AdmissionOutcome.NonceGap, ResultCode.BadNonce)]
    [InlineData(AdmissionOutcome.FeeTooLow, ResultCode.FeeTooLow)]
    [InlineData(AdmissionOutcome.InsufficientFunds, ResultCode.InsufficientFunds)]
    public void ToResultCode_MapsEachOutcome(AdmissionOutcome outcome, ResultCode code) =>
        Assert.Equal(code, AdmissionRules.ToResultCode(outcome));
}
