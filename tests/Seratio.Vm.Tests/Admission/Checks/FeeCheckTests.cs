using Seratio.Vm.Admission.Checks;
using Seratio.Vm.Tests.Support;

namespace Seratio.Vm.Tests.Admission.Checks;

public class FeeCheckTests
{
    [Theory]
    // gas price (params.min_gas_price is 1), mode, outcome, reason
    [InlineData(1UL, TxCheckMode.Admission, TxCheckOutcome.Accepted, "")]
    [InlineData(2UL, TxCheckMode.Admission, TxCheckOutcome.Accepted, "")]
    [InlineData(0UL, TxCheckMode.Admission, TxCheckOutcome.FeeTooLow, "gas_price 0 is below the minimum 1; raise gas_price")]
    [InlineData(1UL, TxCheckMode.Execution, TxCheckOutcome.Accepted, "")]
    [InlineData(0UL, TxCheckMode.Execution, TxCheckOutcome.FeeTooLow, "gas_price 0 is below the minimum 1")]
    public void Check_RefusesAPriceBelowTheMinimum(ulong gasPrice, TxCheckMode mode, TxCheckOutcome expected, string reason)
    {
        var tx = TxBuilder.From("alice").Gas(100_000, gasPrice).Transfer("bob", 1).FakeSignature().Build();

        var result = new FeeCheck().Check(tx, Contexts.Of(mode));

        Assert.Equal(expected, result.Outcome);
        Assert.Equal(reason, result.Reason);
    }

    [Theory]
    // gas price (params.min_gas_price is 1, the node's floor 5), mode, outcome, reason
    [InlineData(5UL, TxCheckMode.Admission, TxCheckOutcome.Accepted, "")]
    [InlineData(4UL, TxCheckMode.Admission, TxCheckOutcome.FeeTooLow, "gas_price 4 is below this node's admission minimum 5 (Mempool:MinGasPrice); raise gas_price")]
    [InlineData(0UL, TxCheckMode.Admission, TxCheckOutcome.FeeTooLow, "gas_price 0 is below the minimum 1; raise gas_price")]
    [InlineData(4UL, TxCheckMode.Execution, TxCheckOutcome.Accepted, "")] // node-local: never part of a block's verdict
    public void Check_AtAdmission_AlsoRefusesAPriceBelowTheNodesFloor(ulong gasPrice, TxCheckMode mode, TxCheckOutcome expected, string reason)
    {
        var tx = TxBuilder.From("alice").Gas(100_000, gasPrice).Transfer("bob", 1).FakeSignature().Build();

        var result = new FeeCheck().Check(tx, Contexts.Of(mode) with { NodeMinGasPrice = 5 });

        Assert.Equal(expected, result.Outcome);
        Assert.Equal(reason, result.Reason);
    }
}
