using Seratio.Vm.Admission.Checks;
using Seratio.Vm.Tests.Support;

namespace Seratio.Vm.Tests.Admission.Checks;

public class ExpiryCheckTests
{
    [Theory]
    // expiry, height of the including block, mode, outcome, reason fragment
    [InlineData(0UL, 100UL, TxCheckMode.Admission, TxCheckOutcome.Accepted, "")]
    [InlineData(100UL, 100UL, TxCheckMode.Admission, TxCheckOutcome.Accepted, "")]
    [InlineData(101UL, 100UL, TxCheckMode.Admission, TxCheckOutcome.Accepted, "")]
    [InlineData(99UL, 100UL, TxCheckMode.Admission, TxCheckOutcome.Expired, "expired at height 99; the next block is 100. Sign it again")]
    [InlineData(1UL, 100UL, TxCheckMode.Admission, TxCheckOutcome.Expired, "expired at height 1")]
    [InlineData(0UL, 100UL, TxCheckMode.Execution, TxCheckOutcome.Accepted, "")]
    [InlineData(100UL, 100UL, TxCheckMode.Execution, TxCheckOutcome.Accepted, "")]
    [InlineData(99UL, 100UL, TxCheckMode.Execution, TxCheckOutcome.Expired, "transaction expired at height 99; the block is at height 100")]
    public void Check_RefusesAnExpiryBelowTheIncludingHeight(ulong expiry, ulong height, TxCheckMode mode, TxCheckOutcome expected, string reason)
    {
        var tx = TxBuilder.From("alice").Expiry(expiry).Transfer("bob", 1).FakeSignature().Build();

        var result = new ExpiryCheck().Check(tx, Contexts.Of(mode, height));

        Assert.Equal(expected, result.Outcome);
        Assert.Contains(reason, result.Reason);
        Assert.Equal(result.IsAccepted, result.Reason.Length == 0);
    }
}
