using Seratio.Vm.Modules.Assets;
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
    public void EveryPrefixConstant_OfEveryModule_IsInTheRegistry()
    {
        var constants = StateKeys.KeyClasses.SelectMany(t => t.GetFields())
            .Where(f => f.IsLiteral && f.FieldType == typeof(byte))
            .Select(f => (byte)f.GetRawConstantValue()!)
            .ToList();
        Assert.NotEmpty(constants);
        Assert.Equal(constants.Count, constants.Distinct().Count());
        Assert.Equal(constants.Order(), StateKeys.Registry.Values.Order());
    }

    [Fact]
    public void EveryModuleKeysClass_InTheVm_IsListed()
    {
        var keyClasses = typeof(StateKeys).Assembly.GetTypes()
            .Where(t => t.IsClass && t.Namespace?.StartsWith("Seratio.Vm.Modules.", StringComparison.Ordinal) == true && t.Name.EndsWith("Keys", StringComparison.Ordinal));
        Assert.Equal(keyClasses.OrderBy(t => t.Name), StateKeys.KeyClasses.OrderBy(t => t.Name));
    }

    [Fact]
    public void EveryPrefix_SitsInItsModulesRange()
    {
        Assert.All(StateKeys.Registry, entry =>
        {
            var module = entry.Key[..entry.Key.IndexOf('/', StringComparison.Ordinal)];
            Assert.True(StateKeys.Ranges.TryGetValue(module, out var range), $"module '{module}' of {entry.Key} declares no prefix range");
            Assert.True(range.Contains(entry.Value), $"{entry.Key} = 0x{entry.Value:X2} is outside {module}'s range {range}");
        });
    }

    [Fact]
    public void ModuleRanges_DoNotOverlap()
    {
        var ranges = StateKeys.Ranges.Values.Distinct().OrderBy(r => r.First).ToList();
        Assert.All(ranges, r => Assert.True(r.First <= r.Last, $"range {r} is empty"));
        for (int i = 1; i < ranges.Count; i++)
            Assert.True(ranges[i - 1].Last < ranges[i].First, $"ranges {ranges[i - 1]} and {ranges[i]} overlap");
    }

    [Fact]
    public void AccountKey_IsSha256OfTagPrefixAndAddress()
    {
        var address = TestKeys.Address("alice");
        var preimage = new List<byte>(System.Text.Encoding.ASCII.GetBytes("seratio/key")) { AccountKeys.AccountPrefix };
        preimage.AddRange(address.ToArray());

        Assert.Equal(Seratio.Core.Crypto.Hash32.Sha256(preimage.ToArray()), AccountKeys.Account(address));
    }

    [Fact]
    public void AccountKeys_DifferPerAddress()
    {
        Assert.NotEqual(AccountKeys.Account(TestKeys.Address("alice")), AccountKeys.Account(TestKeys.Address("bob")));
        Assert.Equal(AccountKeys.Account(TestKeys.Address("alice")), AccountKeys.Account(TestKeys.Address("alice")));
    }
}
