using Seratio.Core.Crypto;
using Seratio.Vm.State;
using Seratio.Vm.Tests.Support;

namespace Seratio.Vm.Tests.State;

public class ValueStateKeysTests
{
    [Fact]
    public void EntityKey_IsSha256OfTagPrefixAndBigEndianId()
    {
        var preimage = new List<byte>(System.Text.Encoding.ASCII.GetBytes("seratio/key")) { StateKeys.EntityPrefix, 0, 0, 0, 0, 0, 0, 1, 2 };
        Assert.Equal(Hash32.Sha256(preimage.ToArray()), StateKeys.Entity(0x0102));
    }

    [Fact]
    public void BalanceKey_PrefixesTheSymbolLength_SoSymbolAndAddressNeverRunTogether()
    {
        var alice = TestKeys.Address("alice");
        var preimage = new List<byte>(System.Text.Encoding.ASCII.GetBytes("seratio/key")) { StateKeys.AssetBalancePrefix, 5 };
        preimage.AddRange("GREEN"u8.ToArray());
        preimage.AddRange(alice.ToArray());
        Assert.Equal(Hash32.Sha256(preimage.ToArray()), StateKeys.AssetBalance("GREEN", alice));
        Assert.NotEqual(StateKeys.AssetBalance("AB", alice), StateKeys.AssetBalance("ABC", alice));
    }

    [Fact]
    public void AllowanceKeys_DependOnDirection()
    {
        var (a, b) = (TestKeys.Address("alice"), TestKeys.Address("bob"));
        Assert.NotEqual(StateKeys.Allowance("GREEN", a, b), StateKeys.Allowance("GREEN", b, a));
        Assert.NotEqual(StateKeys.Allowance("GREEN", a, b), StateKeys.Allowance("BLUE", a, b));
    }

    [Fact]
    public void ModuleKeys_OfTheSameAddress_Differ()
    {
        var alice = TestKeys.Address("alice");
        Assert.NotEqual(StateKeys.Roles(alice), StateKeys.EntitiesByController(alice));
        Assert.NotEqual(StateKeys.Roles(alice), StateKeys.Account(alice));
    }
}
