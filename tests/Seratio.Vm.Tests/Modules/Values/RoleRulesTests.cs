using Seratio.Protocol;
using Seratio.Vm.Modules.Roles;
using Seratio.Vm.Tests.Support;
using static Seratio.Vm.Tests.Support.ValueMsgs;

namespace Seratio.Vm.Tests.Modules.Values;

public class RoleRulesTests
{
    [Fact]
    public void Authority_GrantsIssuerWithMethods_AndRolesHelpersAnswer()
    {
        var state = NewState("alice");

        var receipt = Run(state, Authority, Grant("alice", Role.Issuer, "sroi-v2", "ser-1.0"));

        Assert.Equal(ResultCode.Ok, receipt.Code);
        Assert.True(Roles.Has(state, Addr("alice"), Role.Issuer));
        Assert.True(Roles.IsIssuerFor(state, Addr("alice"), "ser-1.0"));
        Assert.False(Roles.IsIssuerFor(state, Addr("alice"), "other-method"));
        Assert.False(Roles.Has(state, Addr("alice"), Role.RewardingBody));
        Assert.Equal(["ser-1.0", "sroi-v2"], Roles.Read(state, Addr("alice")).IssuerMethods);
        var ev = Assert.Single(receipt.Events);
        Assert.Equal(GrantRoleHandler.EventType, ev.Type);
        Assert.Equal("issuer", Attributes(ev)["role"]);
        Assert.Equal("ser-1.0,sroi-v2", Attributes(ev)["method"]);
    }

    [Fact]
    public void IssuerWithoutMethods_IsIssuerForEveryMethod()
    {
        var state = NewState("alice");
        Run(state, Authority, Grant("alice", Role.Issuer));
        Assert.True(Roles.IsIssuerFor(state, Addr("alice"), "anything"));
    }

    [Fact]
    public void NonAuthority_CannotGrant_AndTheRefusalSaysSo()
    {
        var state = NewState("alice");
        var receipt = Run(state, "alice", Grant("alice", Role.RewardingBody));
        Assert.Equal(ResultCode.Unauthorized, receipt.Code);
        Assert.Contains("only the authority account", receipt.Log);
        Assert.False(Roles.Has(state, Addr("alice"), Role.RewardingBody));
    }

    [Fact]
    public void GrantingAHeldRole_IsAlreadyExists()
    {
        var state = NewState("alice");
        Run(state, Authority, Grant("alice", Role.RewardingBody));
        var receipt = Run(state, Authority, Grant("alice", Role.RewardingBody));
        Assert.Equal(ResultCode.AlreadyExists, receipt.Code);
        Assert.Contains("already holds the rewarding-body role", receipt.Log);
    }

    [Fact]
    public void Revoke_RemovesTheRole_AndDeletesAnEmptySet()
    {
        var state = NewState("alice");
        Run(state, Authority, Grant("alice", Role.Issuer, "m1"));
        var receipt = Run(state, Authority, Revoke("alice", Role.Issuer));
        Assert.Equal(ResultCode.Ok, receipt.Code);
        Assert.False(Roles.Has(state, Addr("alice"), Role.Issuer));
        Assert.Null(state.Get(RoleKeys.Roles(Addr("alice"))));
        Assert.Equal(RevokeRoleHandler.EventType, Assert.Single(receipt.Events).Type);
    }

    [Fact]
    public void RevokingARoleNotHeld_IsNotFound()
    {
        var state = NewState("alice");
        var receipt = Run(state, Authority, Revoke("alice", Role.Issuer));
        Assert.Equal(ResultCode.NotFound, receipt.Code);
        Assert.Contains("does not hold the issuer role", receipt.Log);
    }

    [Theory]
    [InlineData(Role.Unspecified, new string[0], "role 0 is unknown")]
    [InlineData(Role.RewardingBody, new[] { "m" }, "methods restrict the issuer role only")]
    [InlineData(Role.Issuer, new[] { "a b" }, "contains ' '")]
    [InlineData(Role.Issuer, new[] { "m", "m" }, "listed twice")]
    [InlineData(Role.Issuer, new[] { "" }, "must be 1-64 characters")]
    public void MalformedGrant_IsInvalid(Role role, string[] methods, string expected)
    {
        var msg = Grant("alice", role, methods);
        var result = Seratio.Vm.Modules.MsgHandlers.For(msg.KindCase)!.Validate(msg, Blocks.Params);
        Assert.Equal(ResultCode.InvalidMsg, result.Code);
        Assert.Contains(expected, result.Log);
    }

    [Fact]
    public void CreateAsset_WithoutRewardingBodyRole_IsRefusedNamingTheRole()
    {
        var state = NewState("alice");
        var receipt = Run(state, "alice", Create("GREEN", "1000", "alice"));
        Assert.Equal(ResultCode.Unauthorized, receipt.Code);
        Assert.Contains("the sender lacks the rewarding-body role; the authority grants it with `seratio role grant`", receipt.Log);
    }
}
