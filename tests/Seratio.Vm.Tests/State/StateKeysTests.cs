using Seratio.Vm.State;
using Seratio.Vm.Tests.Support;

namespace Seratio.Vm.Tests.State;

public class StateKeysTests
{
    [Fact]
    public void Prefixes_AreUnique()
    {
        var prefixes = StateKeys.Registry.Values.ToList();
        Assert.Equal(prefixes.Count, prefixes.Distinct().Count());
    }

    [Fact]
    public void EveryPrefixConstant_IsInTheRegistry()
    {
        var constants = typeof(StateKeys).GetFields()
            .Where(f => f.IsLiteral && f.FieldType == typeof(byte))
            .Select(f => (byte)f.GetRawConstantValue()!)
            .ToList();
        Assert.NotEmpty(constants);
        Assert.Equal(constants.Count, constants.Distinct().Count());
        Assert.All(constants, c => Assert.Contains(c, StateKeys.Registry.Values));
    }

    [Fact]
    public void AccountKey_IsSha256OfTagPrefixAndAddress()
    {
        var address = TestKeys.Address("alice");
        var preimage = new List<byte>(System.Text.Encoding.ASCII.GetBytes("seratio/key")) { StateKeys.AccountPrefix };
        preimage.AddRange(address.ToArray());

        Assert.Equal(Seratio.Core.Crypto.Hash32.Sha256(preimage.ToArray()), StateKeys.Account(address));
    }

    [Fact]
    public void AccountKeys_DifferPerAddress()
    {
        Assert.NotEqual(StateKeys.Account(TestKeys.Address("alice")), StateKeys.Account(TestKeys.Address("bob")));
        Assert.Equal(StateKeys.Account(TestKeys.Address("alice")), StateKeys.Account(TestKeys.Address("alice")));
    }
}
