using System.Numerics;
using Seratio.Core.Numerics;
using Seratio.Vm.Modules.Daf;
using Seratio.Vm.Modules.Grants;

namespace Seratio.Vm.Tests.Modules.Grants;

/// <summary>The worked numbers of docs/modules/grants.md, "Worked numbers", computed by the module's own code.</summary>
public class WorkedExampleTests
{
    [Fact]
    public void TheTestChainsGrant_PassesAfterSevenBlocks_WithTheDocumentedValues()
    {
        Assert.Equal(BigInteger.Parse("8823020505548650035"), Conviction.DecayPower(9, 10, 7));
        Assert.Equal(18_742_360, (long)Conviction.After(0, 4_000_000, 6, 9, 10));
        Assert.Equal(20_868_124, (long)Conviction.After(0, 4_000_000, 7, 9, 10));
        var p = GrantChain.FastParams();
        Assert.Equal(20_000_000, (long)GrantThreshold.Threshold(Ser.Whole(1_000), Ser.Whole(10_000), 8_000_000, p)!.Value);
        Assert.Equal(7UL, GrantThreshold.FirstPassingStep(0, 4_000_000, Ser.Whole(1_000), Ser.Whole(10_000), 8_000_000, p, 1_000));
    }

    [Fact]
    public void UnderTheDefaults_AFivePercentGrant_Passes3255BlocksAfterItsStake()
    {
        var p = DafRules.DefaultParams;
        Amount treasury = Ser.Whole(100_000), requested = Ser.Whole(5_000), staked = Ser.Whole(50_000), x = Ser.Whole(20_000);
        Assert.Equal(BigInteger.Parse("55555555555556"), GrantThreshold.Threshold(requested, treasury, staked, p));
        Assert.Equal(3_255UL, GrantThreshold.FirstPassingStep(0, x, requested, treasury, staked, p, 10_000));
        Assert.Equal(BigInteger.Parse("55569114735283"), Conviction.After(0, x.Value, 3_255, p.ConvictionDecayNum, p.ConvictionDecayDen));
        Assert.Equal(BigInteger.Parse("55554670202304"), Conviction.After(0, x.Value, 3_254, p.ConvictionDecayNum, p.ConvictionDecayDen));
        Assert.Equal(BigInteger.Parse("200000000000000"), Conviction.Limit(x.Value, p.ConvictionDecayNum, p.ConvictionDecayDen));
    }
}
