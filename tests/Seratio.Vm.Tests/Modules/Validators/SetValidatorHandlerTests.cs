using Seratio.Core.Chain;
using Seratio.Core.Validators;
using Seratio.Protocol;
using Seratio.Vm.Modules.Validators;
using Seratio.Vm.Tests.Support;

namespace Seratio.Vm.Tests.Modules.Validators;

public class SetValidatorHandlerTests
{
    [Fact]
    public void SetValidator_FromAnotherSender_IsUnauthorized_AndChangesNothing()
    {
        var chain = new ValidatorChain("v1", "v2");
        var outcome = chain.Next([ValidatorChain.Set("v3", 5)], sender: "mallory");

        var receipt = Assert.Single(outcome.Receipts);
        Assert.Equal(ResultCode.Unauthorized, receipt.Code);
        Assert.Contains("only the authority", receipt.Log);
        Assert.Equal(["v1", "v2"], chain.PendingNames().Order());
    }

    [Fact]
    public void AddedValidator_ValidatesExactlyTwoHeightsAfterItsBlock()
    {
        var chain = new ValidatorChain("v1", "v2");
        var outcome = chain.Next([ValidatorChain.Set("v3", 5)]); // block 1
        Assert.Equal(ResultCode.Ok, Assert.Single(outcome.Receipts).Code);
        var ev = Assert.Single(outcome.Receipts[0].Events);
        Assert.Equal(SetValidatorHandler.EventType, ev.Type);
        Assert.Equal("3", ev.Attributes.Single(a => a.Key == "effective_height").Value);

        // After block 1: next (validates 2) is still the old set; pending (validates 3) has v3.
        Assert.DoesNotContain("v3", chain.NextNames());
        Assert.Contains("v3", chain.PendingNames());
        chain.Next(); // block 2 begins with next := pending
        Assert.Contains("v3", chain.NextNames()); // validates height 3
    }

    [Fact]
    public void Reweight_ReplacesPower_AndRemove_DropsTheValidator()
    {
        var chain = new ValidatorChain("v1", "v2", "v3");
        var outcome = chain.Next([ValidatorChain.Set("v1", 99), ValidatorChain.Set("v2", 0)]);
        Assert.All(outcome.Receipts, r => Assert.Equal(ResultCode.Ok, r.Code));
        var pending = ValidatorStore.ReadPending(chain.View)!;
        Assert.Equal(["v1", "v3"], pending.Validators.Select(v => v.Name).Order());
        Assert.Equal(99UL, pending.Validators.Single(v => v.Name == "v1").Power);
        Assert.Null(ValidatorSetCodec.Problem(pending));
    }

    [Fact]
    public void RemovingTheLastValidator_IsRefused()
    {
        var chain = new ValidatorChain("v1");
        var receipt = Assert.Single(chain.Next([ValidatorChain.Set("v1", 0)]).Receipts);
        Assert.Equal(ResultCode.LimitExceeded, receipt.Code);
        Assert.Contains("may not become empty", receipt.Log);
        Assert.Equal(["v1"], chain.PendingNames());
    }

    [Fact]
    public void RemovingAnUnknownKey_IsNotFound()
    {
        var chain = new ValidatorChain("v1", "v2");
        var receipt = Assert.Single(chain.Next([ValidatorChain.Set("nobody", 0)]).Receipts);
        Assert.Equal(ResultCode.NotFound, receipt.Code);
    }

    [Fact]
    public void AddingBeyondMaxValidators_IsLimitExceeded()
    {
        var chain = new ValidatorChain("v1", "v2") { Params = Blocks.Params with { MaxValidators = 2 } };
        var receipt = Assert.Single(chain.Next([ValidatorChain.Set("v3", 1)]).Receipts);
        Assert.Equal(ResultCode.LimitExceeded, receipt.Code);
        Assert.Contains("max_validators is 2", receipt.Log);
        // Re-weighting inside the limit still works.
        Assert.Equal(ResultCode.Ok, Assert.Single(chain.Next([ValidatorChain.Set("v2", 3)]).Receipts).Code);
    }

    [Fact]
    public void TotalPowerAboveTheLimit_IsLimitExceeded()
    {
        var chain = new ValidatorChain("v1", "v2");
        var receipt = Assert.Single(chain.Next([ValidatorChain.Set("v3", ValidatorSetCodec.MaxTotalPower - 10)]).Receipts);
        Assert.Equal(ResultCode.LimitExceeded, receipt.Code);
        Assert.Contains("total power", receipt.Log);
        Assert.Equal(ResultCode.Ok, Assert.Single(chain.Next([ValidatorChain.Set("v3", ValidatorSetCodec.MaxTotalPower - 20)]).Receipts).Code);
    }

    [Theory]
    [InlineData(31, "", "32-byte")]
    [InlineData(32, "a-name-that-is-far-too-long-for-a-validator-name-because-it-is-more-than-64-bytes", "name is")]
    public void MalformedMessage_IsInvalid(int keyBytes, string name, string why)
    {
        var chain = new ValidatorChain("v1", "v2");
        var receipt = Assert.Single(chain.Next([ValidatorChain.Set(Google.Protobuf.ByteString.CopyFrom(new byte[keyBytes]), 1, name)]).Receipts);
        Assert.Equal(ResultCode.InvalidMsg, receipt.Code);
        Assert.Contains(why, receipt.Log);
    }

    [Fact]
    public void SetValidator_CostsItsFixedGas()
    {
        var handler = new SetValidatorHandler();
        Assert.Equal(SetValidatorHandler.GasCost, handler.Gas(new ChainParams()));
        Assert.Equal(Seratio.Vm.Modules.Permission.Authority, handler.Permission);
    }
}
