using Google.Protobuf;
using Seratio.Core.Numerics;
using Seratio.Protocol;
using Seratio.Vm.Modules.Daf;
using Seratio.Vm.Modules.Grants;
using Seratio.Vm.Tests.Support;
using static Seratio.Vm.Tests.Modules.Grants.GrantChain;
using G = Seratio.Vm.Modules.Grants.Grants;

using DafModule = Seratio.Vm.Modules.Daf.Daf;

namespace Seratio.Vm.Tests.Modules.Grants;

/// <summary>
/// Each invariant check of the property test, shown to hold on an honest state and to report a state where its rule was
/// broken on purpose: a check that cannot fail would prove nothing.
/// </summary>
public class GrantInvariantCheckTests
{
    private const ulong Last = 15;
    private static readonly Amount Initial = 1_000_000;

    /// <summary>Grant 1 paid at height 13 (alice and bob staked), grant 2 open (carol staked), dave in the abstain bucket; 50,000 deposited.</summary>
    private static MemoryState Scene()
    {
        var state = Ready(Initial, GrantPropertyTests.P);
        Ok(Send(state, 10, "requester", Request("dave", "50000"), Request("dave", "150000")));
        Assert.All(Block(state, 11, ("alice", [Stake(1, "30000")]), ("bob", [Stake(1, "20000")]), ("carol", [Stake(2, "100")]), ("dave", [Stake(0, "500")])).Receipts, Ok);
        Ok(Send(state, 12, "requester", new Msg { Transfer = new MsgTransfer { To = DafModule.Address.ToByteString(), Denom = "SER", Amount = "50000" } }));
        for (ulong h = 13; h <= Last; h++) Block(state, h);
        Assert.Equal(GrantStatus.Paid, Grant(state, 1).Status);
        Assert.Equal(GrantStatus.Open, Grant(state, 2).Status);
        return state;
    }

    private static List<string> All(MemoryState state) =>
    [
        .. GrantInvariants.Stakes(state, GrantPropertyTests.World), .. GrantInvariants.Treasury(state, Initial, 50_000),
        .. GrantInvariants.PaidBelowBeta(state, Grant(state, 1).ClosedHeight, GrantPropertyTests.P), .. GrantInvariants.Schedule(state, Last),
    ];

    private static void Edit(MemoryState state, ulong id, Action<GrantState> edit)
    {
        var grant = Grant(state, id);
        edit(grant);
        state.With(GrantKeys.Grant(id), grant.ToByteArray());
    }

    [Fact]
    public void AnHonestState_BreaksNoInvariant() => Assert.Empty(All(Scene()));

    [Fact]
    public void Stakes_CatchesAStakeWithoutItsTokens()
    {
        var state = Scene();
        state.With(GrantKeys.Stake(2, TestKeys.Address("carol")), new GrantStake { GrantId = 2, Staker = TestKeys.Address("carol").ToByteString(), Amount = "101", Asset = "SER" }.ToByteArray());
        var found = GrantInvariants.Stakes(state, GrantPropertyTests.World).ToList();
        Assert.Contains(found, v => v.Contains("the stakes account holds"));
        Assert.Contains(found, v => v.Contains("grant 2 says x = 100"));
    }

    [Fact]
    public void Stakes_CatchesAWrongSupportCountAndStakerCount()
    {
        var state = Scene();
        state.With(GrantKeys.Supports(TestKeys.Address("alice")), Seratio.Vm.State.StateValues.U32(5));
        Edit(state, 2, g => g.Stakers = 3);
        var found = GrantInvariants.Stakes(state, GrantPropertyTests.World).ToList();
        Assert.Contains(found, v => v.Contains("support count 5"));
        Assert.Contains(found, v => v.Contains("grant 2 says 3 stakers"));
    }

    [Fact]
    public void Treasury_CatchesSerAppearingOrVanishing()
    {
        var state = Scene();
        state.WithAccount(DafModule.Address, state.Account(DafModule.Address).Balance + 1);
        Assert.Contains(GrantInvariants.Treasury(state, Initial, 50_000), v => v.Contains("the treasury holds"));
        Assert.Contains(GrantInvariants.Treasury(Scene(), 10_000, 0), v => v.Contains("more than the treasury ever held"));
    }

    [Fact]
    public void PaidBelowBeta_CatchesAGrantPaidAtBetaOfTheTreasuryOrMore_OrWithNothingStaked()
    {
        var state = Scene();
        ulong height = Grant(state, 1).ClosedHeight;
        Edit(state, 1, g => g.Amount = "300000");
        Assert.Contains(GrantInvariants.PaidBelowBeta(state, height, GrantPropertyTests.P), v => v.Contains("at least β"));
        var unstaked = Scene();
        Edit(unstaked, 1, g => g.Staked = "0");
        Assert.Contains(GrantInvariants.PaidBelowBeta(unstaked, height, GrantPropertyTests.P), v => v.Contains("nothing staked"));
    }

    [Fact]
    public void Schedule_CatchesAnUnlistedCheck_ACheckInThePast_AClosedGrantStillScheduled_AndAWrongOpenCount()
    {
        var state = Scene();
        ulong next = Grant(state, 2).NextCheckHeight;
        Edit(state, 2, g => g.NextCheckHeight = next == Last + 1 ? Last + 2 : Last + 1);
        Assert.Contains(GrantInvariants.Schedule(state, Last), v => v.Contains("is not listed"));
        var past = Scene();
        Edit(past, 2, g => g.NextCheckHeight = Last);
        Assert.Contains(GrantInvariants.Schedule(past, Last), v => v.Contains("has its next check at"));
        var closed = Scene();
        Edit(closed, 1, g => g.NextCheckHeight = 99);
        Assert.Contains(GrantInvariants.Schedule(closed, Last), v => v.Contains("closed grant 1 still has a check"));
        var count = Scene();
        count.With(GrantKeys.OpenCount(), Seratio.Vm.State.StateValues.U32(2));
        Assert.Contains(GrantInvariants.Schedule(count, Last), v => v.Contains("the open count is 2"));
    }
}
