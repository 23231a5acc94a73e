using Seratio.Core.Chain;
using Seratio.Vm.Genesis;
using Seratio.Vm.Modules.Daf;
using Seratio.Vm.Tests.Support;
using DafApi = Seratio.Vm.Modules.Daf.Daf;

namespace Seratio.Vm.Tests.Genesis;

public class GenesisDafTests
{
    private static string Json(string? daf, string? authority = null) => $$"""
        {
          "chain_id": "seratio-test",
          "validators": [ { "name": "v1", "public_key": "{{TestKeys.Key("v1").PublicKey}}", "power": 1 } ],
          "accounts": [ { "address": "{{TestKeys.Address("alice")}}", "balance": "100" } ]
          {{(authority is null ? "" : $", \"authority\": \"{authority}\"")}}
          {{(daf is null ? "" : $", \"daf\": {daf}")}}
        }
        """;

    private static string Members(params (string Name, ulong Weight)[] members) =>
        "[" + string.Join(",", members.Select(m => $$"""{ "address": "{{TestKeys.Address(m.Name)}}", "weight": {{m.Weight}} }""")) + "]";

    [Fact]
    public void DafSection_WritesTheCouncil_AndItsParamsMergedOverTheDefaults()
    {
        var genesis = Core.Chain.Genesis.Parse(Json($$"""{ "members": {{Members(("m2", 1), ("m1", 3))}}, "params": { "voting_period": 10, "expedited_voting_period": 3, "min_deposit": "100000000" } }""",
            DafApi.Address.ToString()));
        var state = new MemoryState();
        state.Apply(GenesisState.Build(genesis));

        var p = DafApi.Params(state);
        Assert.Equal((10UL, "100000000"), (p.VotingPeriod, p.MinDeposit));
        var defaults = DafRules.DefaultParams;
        defaults.VotingPeriod = 10;
        defaults.ExpeditedVotingPeriod = 3;
        defaults.MinDeposit = "100000000";
        Assert.Equal(defaults, p);
        var council = DafApi.Members(state);
        Assert.Equal(4UL, council.TotalWeight);
        Assert.Equal(3UL, DafApi.MemberWeight(state, TestKeys.Address("m1")));
        Assert.True(DafApi.Governs(state));
    }

    [Fact]
    public void NoDafSection_LeavesTheJsonAndStateAsBefore()
    {
        var genesis = Core.Chain.Genesis.Parse(Json(null));
        Assert.DoesNotContain("\"daf\"", genesis.ToJson());
        var state = new MemoryState();
        state.Apply(GenesisState.Build(genesis));
        Assert.Null(state.Get(DafKeys.Params()));
        Assert.Equal(DafRules.DefaultParams, DafApi.Params(state));
        Assert.Empty(DafApi.Members(state).Members);
    }

    public static TheoryData<string, string> BadSections => new()
    {
        { $$"""{ "members": {{Members(("m1", 1), ("m1", 2))}} }""", "twice" },
        { $$"""{ "members": {{Members(("m1", 0))}} }""", "weight must be at least 1" },
        { """{ "members": [ { "address": "ser1nope", "weight": 1 } ] }""", "genesis daf member" },
        { """{ "params": { "votingperiod": 5 } }""", "daf.params" },
        { """{ "params": { "voting_period": "ten" } }""", "daf.params" },
    };

    [Theory]
    [MemberData(nameof(BadSections))]
    public void BadDafSection_IsRefusedAtParse(string section, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => Core.Chain.Genesis.Parse(Json(section)));
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void TheDafAsAuthority_NeedsACouncil()
    {
        var ex = Assert.Throws<FormatException>(() => Core.Chain.Genesis.Parse(Json("""{ "members": [] }""", DafApi.Address.ToString())));
        Assert.Contains("daf.members is empty", ex.Message);
        ex = Assert.Throws<FormatException>(() => Core.Chain.Genesis.Parse(Json(null, DafApi.Address.ToString())));
        Assert.Contains("no daf section", ex.Message);
    }

    [Theory]
    [InlineData("""{ "critical_threshold_bps": 5000 }""", "critical_threshold_bps")]
    [InlineData("""{ "expedited_voting_period": 200000 }""", "expedited_voting_period")]
    [InlineData("""{ "max_power_change_bps": 5000 }""", "max_power_change_bps")]
    public void InvalidParams_AreRefusedWhenTheStateIsBuilt(string parameters, string expected)
    {
        var genesis = Core.Chain.Genesis.Parse(Json($$"""{ "members": {{Members(("m1", 1))}}, "params": {{parameters}} }"""));
        var ex = Assert.Throws<FormatException>(() => GenesisState.Build(genesis));
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void TheDafSection_RoundTripsThroughJson_WithTheSameHash()
    {
        var genesis = Core.Chain.Genesis.Parse(Json($$"""{ "members": {{Members(("m1", 1))}}, "params": { "timelock": 3 } }"""));
        var again = Core.Chain.Genesis.Parse(genesis.ToJson());
        Assert.Equal(genesis.Hash(), again.Hash());
        Assert.Equal(3UL, again.Daf!.MergeParams(DafRules.DefaultParams).Timelock);
    }
}
