using Seratio.Node.Mempool;
using Seratio.Node.Mempool.Admission;
using Seratio.Vm.Admission.Checks;

namespace Seratio.Node.Tests.Mempool.Admission;

public class CheckOutcomesTests
{
    public static TheoryData<TxCheckOutcome> EveryCheckOutcome => [.. Enum.GetValues<TxCheckOutcome>()];

    [Theory]
    [MemberData(nameof(EveryCheckOutcome))]
    public void ToAdmitOutcome_KeepsTheCheckOutcomesName(TxCheckOutcome outcome) =>
        Assert.Equal(outcome.ToString(), CheckOutcomes.ToAdmitOutcome(outcome).ToString());
}
