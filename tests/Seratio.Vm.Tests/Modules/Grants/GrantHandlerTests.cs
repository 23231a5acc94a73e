using Google.Protobuf;
using Seratio.Core.Numerics;
using Seratio.Protocol;
using Seratio.Vm.Tests.Support;
using static Seratio.Vm.Tests.Modules.Grants.GrantChain;
using G = Seratio.Vm.Modules.Grants.Grants;

namespace Seratio.Vm.Tests.Modules.Grants;

public class GrantHandlerTests
{
    private const ulong Height = 10;
    private static readonly Amount TreasuryFunds = 1_000_000;

    /// <summary>
    /// Grant 1 open (190,000 of a 1,000,000 treasury: near β, so one staker never passes it), grant 2 withdrawn; alice
    /// stakes 100 on 1, 50 on the abstain bucket and 10 on 2 (staked before it was withdrawn).
    /// </summary>
    public static MemoryState Staked()
    {
        var state = Ready(TreasuryFunds);
        Ok(Send(state, 1, "requester", Request("dave", "190000"), Request("dave", "1000")));
        Ok(Send(state, 2, "alice", Stake(1, "100"), Stake(0, "50"), Stake(2, "10")));
        Ok(Send(state, 3, "requester", Withdraw(2)));
        return state;
    }

    public static TheoryData<string, Msg, ResultCode> RequestCases => new()
    {
        { "a request", Request("dave", "100000"), ResultCode.Ok },
        { "just below beta x treasury", Request("dave", "199999"), ResultCode.Ok },
        { "beta x treasury exactly", Request("dave", "200000"), ResultCode.GrantTooLarge },
        { "more than the treasury", Request("dave", "2000000"), ResultCode.GrantTooLarge },
        { "amount 0", Request("dave", "0"), ResultCode.InvalidMsg },
        { "amount not a number", Request("dave", "1e5"), ResultCode.InvalidMsg },
        { "no title", Request("dave", "100", ""), ResultCode.InvalidMsg },
        { "title beyond max_title_bytes", Request("dave", "100", new string('t', 141)), ResultCode.InvalidMsg },
        { "title with a control character", Request("dave", "100", "a\u0007b"), ResultCode.InvalidMsg },
        { "uri beyond max_uri_bytes", With(Request("dave", "100"), r => r.MetadataUri = "https://x/" + new string('u', 250)), ResultCode.InvalidMsg },
        { "hash of 5 bytes", With(Request("dave", "100"), r => r.MetadataHash = ByteString.CopyFrom(new byte[5])), ResultCode.InvalidMsg },
        { "hash of 32 bytes", With(Request("dave", "100"), r => r.MetadataHash = ByteString.CopyFrom(new byte[32])), ResultCode.Ok },
        { "no beneficiary", With(Request("dave", "100"), r => r.Beneficiary = ByteString.Empty), ResultCode.InvalidMsg },
    };

    [Theory]
    [MemberData(nameof(RequestCases))]
    public void RequestGrant_FollowsItsRules(string name, Msg msg, ResultCode expected)
    {
        var state = Ready(TreasuryFunds);
        var receipt = Send(state, Height, "requester", msg);
        Assert.True(expected == receipt.Code, $"{name}: {receipt.Code} {receipt.Log}");
        if (expected != ResultCode.Ok)
        {
            Assert.Contains(": ", receipt.Log);
            Assert.Null(G.GetGrant(state, 1));
            Assert.Equal(0UL, G.LastGrantId(state));
            Assert.Equal(0u, G.OpenGrants(state));
            return;
        }
        var grant = Grant(state, 1);
        Assert.Equal(GrantStatus.Open, grant.Status);
        Assert.Equal(msg.RequestGrant.Amount, grant.Amount);
        Assert.Equal(TestKeys.Address("requester").ToByteString(), grant.Requester);
        Assert.Equal(Height + FastParams().GrantLifetime, grant.ExpireHeight);
        Assert.Equal(grant.ExpireHeight, grant.NextCheckHeight);
        Assert.Equal(1u, G.OpenGrants(state));
        Assert.Contains(receipt.Events, e => e.Type == "grant.request");
    }

    [Fact]
    public void RequestGrant_BeyondMaxOpenGrants_IsLimitExceeded_UntilOneCloses()
    {
        var state = Ready(TreasuryFunds, FastParams(maxOpen: 2));
        Ok(Send(state, 1, "requester", Request("dave", "10"), Request("dave", "20")));
        var refused = Send(state, 2, "alice", Request("dave", "30"));
        Assert.Equal(ResultCode.LimitExceeded, refused.Code);
        Assert.Contains("max_open_grants", refused.Log);
        Ok(Send(state, 3, "requester", Withdraw(1)));
        Ok(Send(state, 4, "alice", Request("dave", "30")));
        Assert.Equal(2u, G.OpenGrants(state));
    }

    public static TheoryData<string, string, Msg, ResultCode> StakeCases => new()
    {
        { "on an open grant", "bob", Stake(1, "100"), ResultCode.Ok },
        { "more on the same grant", "alice", Stake(1, "5"), ResultCode.Ok },
        { "on the abstain bucket", "bob", Stake(0, "100"), ResultCode.Ok },
        { "amount 0", "bob", Stake(1, "0"), ResultCode.InvalidMsg },
        { "amount negative", "bob", Stake(1, "-5"), ResultCode.InvalidMsg },
        { "unknown grant", "bob", Stake(9, "100"), ResultCode.NotFound },
        { "withdrawn grant", "bob", Stake(2, "100"), ResultCode.GrantClosed },
        { "more than held", "bob", Stake(1, "1000000001"), ResultCode.InsufficientFunds },
    };

    [Theory]
    [MemberData(nameof(StakeCases))]
    public void StakeGrant_FollowsItsRules(string name, string sender, Msg msg, ResultCode expected)
    {
        var state = Staked();
        var before = G.GetStake(state, msg.StakeGrant.GrantId, TestKeys.Address(sender));
        var total = G.TotalStaked(state);
        var receipt = Send(state, Height, sender, msg);
        Assert.True(expected == receipt.Code, $"{name}: {receipt.Code} {receipt.Log}");
        var after = G.GetStake(state, msg.StakeGrant.GrantId, TestKeys.Address(sender));
        if (expected != ResultCode.Ok)
        {
            Assert.Contains(": ", receipt.Log);
            Assert.Equal(before, after);
            Assert.Equal(total, G.TotalStaked(state));
            return;
        }
        var amount = Amount.Parse(msg.StakeGrant.Amount);
        Assert.Equal((before is null ? Amount.Zero : G.StakeAmount(before)) + amount, G.StakeAmount(after!));
        Assert.Equal(total + amount, G.TotalStaked(state));
        Assert.Contains(receipt.Events, e => e.Type == "grant.stake");
    }

    [Fact]
    public void StakeGrant_OnAnEleventhGrant_IsTooManySupports_TheAbstainBucketDoesNotCount_AndUnstakingToZeroFreesASlot()
    {
        var state = Ready(TreasuryFunds);
        for (int i = 0; i < 11; i++) Ok(Send(state, 1 + (ulong)i, "requester", Request("dave", "1000")));
        ulong h = 20;
        for (ulong id = 1; id <= 10; id++) Ok(Send(state, h++, "alice", Stake(id, "10")));
        Assert.Equal(10u, G.Supports(state, TestKeys.Address("alice")));
        var refused = Send(state, h++, "alice", Stake(11, "10"));
        Assert.Equal(ResultCode.TooManySupports, refused.Code);
        Assert.Contains("max_supports_per_staker", refused.Log);
        Ok(Send(state, h++, "alice", Stake(0, "10"))); // the abstain bucket is not a support
        Ok(Send(state, h++, "alice", Stake(3, "10"))); // more on a grant already supported
        Ok(Send(state, h++, "alice", Unstake(3, "15"))); // partly: still a support
        Assert.Equal(ResultCode.TooManySupports, Send(state, h++, "alice", Stake(11, "10")).Code);
        Ok(Send(state, h++, "alice", Unstake(3, "5"))); // to 0: the slot is free
        Assert.Equal(9u, G.Supports(state, TestKeys.Address("alice")));
        Ok(Send(state, h++, "alice", Stake(11, "10")));
        Assert.Equal(10u, G.Supports(state, TestKeys.Address("alice")));
    }

    public static TheoryData<string, string, Msg, ResultCode> UnstakeCases => new()
    {
        { "part of a stake", "alice", Unstake(1, "40"), ResultCode.Ok },
        { "all of a stake", "alice", Unstake(1, "100"), ResultCode.Ok },
        { "the abstain bucket", "alice", Unstake(0, "50"), ResultCode.Ok },
        { "from a withdrawn grant", "alice", Unstake(2, "10"), ResultCode.Ok },
        { "more than the stake", "alice", Unstake(1, "101"), ResultCode.InsufficientFunds },
        { "no stake there", "bob", Unstake(1, "1"), ResultCode.NotFound },
        { "no stake in the abstain bucket", "bob", Unstake(0, "1"), ResultCode.NotFound },
        { "unknown grant", "alice", Unstake(9, "1"), ResultCode.NotFound },
        { "amount 0", "alice", Unstake(1, "0"), ResultCode.InvalidMsg },
    };

    [Theory]
    [MemberData(nameof(UnstakeCases))]
    public void UnstakeGrant_FollowsItsRules(string name, string sender, Msg msg, ResultCode expected)
    {
        var state = Staked();
        var staker = TestKeys.Address(sender);
        var before = G.GetStake(state, msg.UnstakeGrant.GrantId, staker);
        var balance = Ser(state, sender);
        var receipt = Send(state, Height, sender, msg);
        Assert.True(expected == receipt.Code, $"{name}: {receipt.Code} {receipt.Log}");
        var fee = Amount.Parse(receipt.Fee);
        var after = G.GetStake(state, msg.UnstakeGrant.GrantId, staker);
        if (expected != ResultCode.Ok)
        {
            Assert.Contains(": ", receipt.Log);
            Assert.Equal(before, after);
            Assert.Equal(balance - fee, Ser(state, sender));
            return;
        }
        var amount = Amount.Parse(msg.UnstakeGrant.Amount);
        var left = G.StakeAmount(before!) - amount;
        if (left.IsZero) Assert.Null(after);
        else Assert.Equal(left, G.StakeAmount(after!));
        Assert.Equal(balance - fee + amount, Ser(state, sender));
        Assert.Contains(receipt.Events, e => e.Type == "grant.unstake");
    }

    public static TheoryData<string, string, ulong, ResultCode> WithdrawCases => new()
    {
        { "by its requester", "requester", 1, ResultCode.Ok },
        { "by someone else", "outsider", 1, ResultCode.Unauthorized },
        { "unknown grant", "requester", 9, ResultCode.NotFound },
        { "no id", "requester", 0, ResultCode.InvalidMsg },
        { "already withdrawn", "requester", 2, ResultCode.GrantClosed },
    };

    [Theory]
    [MemberData(nameof(WithdrawCases))]
    public void WithdrawGrant_FollowsItsRules(string name, string sender, ulong id, ResultCode expected)
    {
        var state = Staked();
        var receipt = Send(state, Height, sender, Withdraw(id));
        Assert.True(expected == receipt.Code, $"{name}: {receipt.Code} {receipt.Log}");
        if (expected != ResultCode.Ok)
        {
            Assert.Contains(": ", receipt.Log);
            Assert.Equal(GrantStatus.Open, Grant(state, 1).Status);
            Assert.Equal(1u, G.OpenGrants(state));
            return;
        }
        var grant = Grant(state, 1);
        Assert.Equal(GrantStatus.Withdrawn, grant.Status);
        Assert.Equal(Height, grant.ClosedHeight);
        Assert.Equal(0u, G.OpenGrants(state));
        // The stake stays until unstaked, and comes back in full.
        Assert.Equal((Amount)100, G.StakeAmount(G.GetStake(state, 1, TestKeys.Address("alice"))!));
        Ok(Send(state, Height + 1, "alice", Unstake(1, "100")));
        Assert.Equal(0u, Grant(state, 1).Stakers);
    }

    private static Msg With(Msg msg, Action<MsgRequestGrant> change)
    {
        change(msg.RequestGrant);
        return msg;
    }
}
