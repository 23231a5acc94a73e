using Seratio.Protocol;
using Seratio.Vm.Admission.Checks;
using Seratio.Vm.Tests.Support;

namespace Seratio.Vm.Tests.Admission.Checks;

public class MessageFieldsCheckTests
{
    [Theory]
    [InlineData("valid transfer", TxCheckOutcome.Accepted, "")]
    [InlineData("amount 0", TxCheckOutcome.InvalidField, "amount is 0")]
    [InlineData("unknown denom", TxCheckOutcome.InvalidField, "denom")]
    [InlineData("no kind", TxCheckOutcome.InvalidField, "no known kind")]
    [InlineData("gas limit too low", TxCheckOutcome.InvalidField, "gas_limit 15000 is below")]
    public void Check_ReportsTheFirstBadField(string name, TxCheckOutcome expected, string reason)
    {
        var builder = TxBuilder.From("alice");
        var tx = (name switch
        {
            "valid transfer" => builder.Transfer("bob", "5"),
            "amount 0" => builder.Transfer("bob", "0"),
            "unknown denom" => builder.Transfer("bob", "5", denom: "XYZ"),
            "no kind" => builder.Message(new Msg()),
            "gas limit too low" => builder.Gas(15_000, 1).Transfer("bob", "5"),
            _ => throw new ArgumentException(name),
        }).FakeSignature().Build();

        var result = new MessageFieldsCheck().Check(tx, Contexts.Admission());

        Assert.Equal(expected, result.Outcome);
        Assert.Contains(reason, result.Reason);
    }
}
