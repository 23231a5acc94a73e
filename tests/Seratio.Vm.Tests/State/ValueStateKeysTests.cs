using Seratio.Core.Crypto;
using Seratio.Vm.Modules.Altcoins;
using Seratio.Vm.Modules.Assets;
using Seratio.Vm.Modules.Entities;
using Seratio.Vm.Modules.Roles;
using Seratio.Vm.State;
using Seratio.Vm.Tests.Support;

namespace Seratio.Vm.Tests.State;

public class ValueStateKeysTests
{
    [Fact]
    public void EntityKey_IsSha256OfTagPrefixAndBigEndianId()
    {
        var preimage = new List<byte>(System.Text.Encoding.ASCII.GetBytes("seratio/key")) { EntityKeys.EntityPrefix, 0, 0, 0, 0, 0, 0, 1, 2 };
        Assert.Equal(Hash32.Sha256(preimage.ToArray()), EntityKeys.Entity(0x0102));
    }

    [Fact]
    public void BalanceKey_PrefixesTheSymbolLength_SoSymbolAndAddressNeverRunTogether()
    {
        var alice = TestKeys.Address("alice");
        var preimage = new List<byte>(System.Text.Encoding.ASCII.GetBytes("seratio/key")) { AltcoinKeys.BalancePrefix, 5 };
        preimage.AddRange("GREEN"u8.ToArray());
        preimage.AddRange(alice.ToArray());
        Assert.Equal(Hash32.Sha256(preimage.ToArray()), AltcoinKeys.Balance("GREEN", alice));
        Assert.NotEqual(AltcoinKeys.Balance("AB", alice), AltcoinKeys.Balance("ABC", alice));
    }

    [Fact]
    public void AllowanceKeys_DependOnDirection()
    {
        var (a, b) = (TestKeys.Address("alice"), TestKeys.Address("bob"));
        Assert.NotEqual(AltcoinKeys.Allowance("GREEN", a, b), AltcoinKeys.Allowance("GREEN", b, a));
        Assert.NotEqual(AltcoinKeys.Allowance("GREEN", a, b), AltcoinKeys.Allowance("BLUE", a, b));
    }

    [Fact]
    public void ModuleKeys_OfTheSameAddress_Differ()
    {
        var alice = TestKeys.Address("alice");
        Assert.NotEqual(RoleKeys.Roles(alice), EntityKeys.ByController(alice));
        Assert.NotEqual(RoleKeys.Roles(alice), AccountKeys.Account(alice));
    }
}
