using Seratio.Cli.Devnet;
using Seratio.Cli.Tests.Support;
using Seratio.Core.Chain;
using Seratio.Protocol;
using Seratio.Vm.Genesis;
using DafState = Seratio.Vm.Modules.Daf.Daf;

namespace Seratio.Cli.Tests.Devnet;

/// <summary>
/// <c>devnet --daf</c> and <c>testnet init --daf</c>: the DAF's account is the genesis authority, the dev (funded)
/// accounts its council with weight 1, a devnet gets its short periods in state and a testnet the defaults, and a
/// genesis without <c>--daf</c> keeps its hash (the committed genesis.json is unchanged).
/// </summary>
public sealed class DafGenesisTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private sealed class Reader(Dictionary<Core.Crypto.Hash32, byte[]> state) : Core.State.IStateReader
    {
        public byte[]? Get(in Core.Crypto.Hash32 key) => state.TryGetValue(key, out var value) ? value : null;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void DevnetDaf_MakesTheDafTheAuthority_TheDevAccountsItsCouncil_WithShortPeriods(int validators)
    {
        var genesis = Genesis.Parse(DevnetGenesis.Build(validators, daf: true).ToJson());
        Assert.Equal(DafState.Address.ToString(), genesis.Authority);
        Assert.Equal(genesis.Accounts.Select(a => a.Address), genesis.Daf!.Members.Select(m => m.Address));
        Assert.All(genesis.Daf.Members, m => Assert.Equal(1UL, m.Weight));

        var state = new Reader(GenesisState.Build(genesis).ToDictionary(c => c.Key, c => c.Value!));
        Assert.True(DafState.Governs(state));
        var p = DafState.Params(state);
        Assert.Equal((DafGenesisSection.DevnetDepositPeriod, DafGenesisSection.DevnetVotingPeriod, DafGenesisSection.DevnetExpeditedVotingPeriod, DafGenesisSection.DevnetTimelock),
            (p.DepositPeriod, p.VotingPeriod, p.ExpeditedVotingPeriod, p.Timelock));
        Assert.Equal(Core.Numerics.Ser.Whole(100).ToString(), p.MinDeposit);
        Assert.Equal((9UL, 10UL), (p.ConvictionDecayNum, p.ConvictionDecayDen));
        Assert.Equal(4UL, DafState.Members(state).TotalWeight);
    }

    [Fact]
    public void DevnetWithoutDaf_KeepsTheCommittedGenesis()
    {
        var plain = DevnetGenesis.Build(1);
        Assert.Null(plain.Daf);
        Assert.NotEqual(DafState.Address.ToString(), plain.Authority);
        Assert.DoesNotContain("\"daf\"", plain.ToJson());
        Assert.Equal(Genesis.Parse(EmbeddedGenesis.Text()).Hash(), plain.Hash());
    }

    [Fact]
    public async Task TestnetInitDaf_WritesTheFundedAccountsAsTheCouncil_WithTheDefaultParameters()
    {
        var output = _dir.File("net");
        var run = await new CliRunner().RunAsync(["testnet", "init", "--out", output, "--validators", "2", "--accounts", "3", "--unsafe-keys", "--daf"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        var genesis = Genesis.Load(Path.Combine(output, "genesis.json"));
        Assert.Equal(DafState.Address.ToString(), genesis.Authority);
        Assert.Equal(3, genesis.Daf!.Members.Count);
        Assert.Null(genesis.Daf.Params);
        var state = new Reader(GenesisState.Build(genesis).ToDictionary(c => c.Key, c => c.Value!));
        Assert.Equal(Vm.Modules.Daf.DafRules.DefaultParams.VotingPeriod, DafState.Params(state).VotingPeriod);

        var refused = await new CliRunner().RunAsync(["testnet", "init", "--out", _dir.File("none"), "--accounts", "0", "--daf"]);
        Assert.True(refused.ExitCode == 2, refused.ToString());
        Assert.Contains("--daf needs --accounts of at least 1", refused.Err);
    }
}
