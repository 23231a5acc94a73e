using Seratio.Protocol;
using Seratio.Vm.Modules.Exchange.Matching;

namespace Seratio.Vm.Tests.Modules.Exchange.Matching;

/// <summary>An input that breaks the auction's contract is a bug of the caller: it throws, naming the order and the rule.</summary>
public class InputValidationTests
{
    public static TheoryData<string, string> Broken() => new()
    {
        { "off-lot", "has 15 remaining; it must be a positive multiple of the lot 10" },
        { "zero price", "has a price of 0; it must be positive" },
        { "incoming marked resting", "Incoming order 2 is marked resting" },
        { "no time in force", "has no valid time in force" },
        { "duplicate id", "Order id 1 occurs twice in the batch" },
        { "resting on the wrong side", "is in the Sell sequence but is side Buy" },
        { "negative budget", "MaxRestingReads must not be negative" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void BrokenInput_Throws_WithItsRule(string broken, string message)
    {
        var b = new AuctionBuilder { Lot = 10 };
        var ask = b.Ask(100, 1);
        var buy = b.Buy(100, 1);
        var input = b.Input();
        input = broken switch
        {
            "off-lot" => input with { Incoming = [buy with { Remaining = 15 }] },
            "zero price" => input with { Incoming = [buy with { Price = 0 }] },
            "incoming marked resting" => input with { Incoming = [buy with { Resting = true }] },
            "no time in force" => input with { Incoming = [buy with { TimeInForce = TimeInForce.Unspecified }] },
            "duplicate id" => input with { Incoming = [buy with { Id = ask.Id }] },
            "resting on the wrong side" => input with { RestingAsks = [ask with { Side = OrderSide.Buy }] },
            "negative budget" => input with { MaxRestingReads = -1 },
            _ => throw new ArgumentOutOfRangeException(nameof(broken)),
        };

        var error = Assert.ThrowsAny<Exception>(() => BatchAuction.Clear(input));

        Assert.True(error is ArgumentException or InvalidOperationException, error.GetType().Name);
        Assert.Contains(message, error.Message);
    }
}
