using Seratio.Vm.Admission.Checks;
using Seratio.Vm.Tests.Support;

namespace Seratio.Vm.Tests.Admission.Checks;

public class ChainIdCheckTests
{
    [Theory]
    [InlineData(TxBuilder.ChainId, TxCheckOutcome.Accepted)]
    [InlineData("other-chain", TxCheckOutcome.WrongChain)]
    [InlineData("SERATIO-TEST", TxCheckOutcome.WrongChain)]
    [InlineData("", TxCheckOutcome.WrongChain)]
    public void Check_ComparesTheBodysChainIdWithTheNodes(string nodeChainId, TxCheckOutcome expected)
    {
        var tx = TxBuilder.From("alice").Transfer("bob", 1).FakeSignature().Build();

        var result = new ChainIdCheck().Check(tx, Contexts.Admission(chainId: nodeChainId));

        Assert.Equal(expected, result.Outcome);
        if (!result.IsAccepted)
        {
            Assert.Contains($"'{TxBuilder.ChainId}'", result.Reason);
            Assert.Contains($"this node runs '{nodeChainId}'", result.Reason);
        }
    }
}
