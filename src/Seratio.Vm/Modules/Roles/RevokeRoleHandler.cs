using Seratio.Core.Chain;
using Seratio.Core.Numerics;
using Seratio.Protocol;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Roles;

/// <summary>
/// <see cref="MsgRevokeRole"/>: the authority withdraws a role (with the issuer role, its method
/// restriction goes too). NOT_FOUND when the account does not hold it. Gas <see cref="GrantRoleHandler.GasCost"/>.
/// Emits "role_revoked" {account, role}. Stateless; thread safe.
/// </summary>
public sealed class RevokeRoleHandler : IMsgHandler
{
    public const string EventType = "role_revoked";

    public Msg.KindOneofCase Kind => Msg.KindOneofCase.RevokeRole;
    public string Name => "revoke-role";
    public Permission Permission => Permission.Authority;
    public ulong Gas(ChainParams p) => GrantRoleHandler.GasCost;
    public Amount MaxSerSpend(Msg msg) => Amount.Zero;

    public MsgResult Validate(Msg msg, ChainParams p) => Validate(msg.RevokeRole);

    public MsgResult Execute(Msg msg, in MsgContext context)
    {
        var revoke = msg.RevokeRole;
        var check = Validate(revoke);
        if (!check.IsOk) return check;
        var account = new Core.Addressing.Address(revoke.Account.Span);
        var set = Roles.Read(context.State, account);
        if (!Roles.Holds(set, revoke.Role, null))
            return MsgResult.Fail(ResultCode.NotFound, $"{account} does not hold the {Roles.NameOf(revoke.Role)} role; nothing to revoke");
        if (revoke.Role == Role.Issuer)
        {
            set.Issuer = false;
            set.IssuerMethods.Clear();
        }
        else
        {
            set.RewardingBody = false;
        }
        context.State.Set(RoleKeys.Roles(account), Roles.Encode(set));

        var ev = new Event { Type = EventType };
        ev.Attributes.Add(new EventAttribute { Key = "account", Value = context.Addresses.Of(account) });
        ev.Attributes.Add(new EventAttribute { Key = "role", Value = Roles.NameOf(revoke.Role) });
        context.Events.Add(ev);
        return MsgResult.Ok;
    }

    private static MsgResult Validate(MsgRevokeRole? revoke)
    {
        if (revoke is null) return Fields.Invalid("revoke-role message is empty");
        var check = Fields.RequireAddress(revoke.Account, "account", out _);
        return check.IsOk ? RoleRules.KnownRole(revoke.Role) : check;
    }
}
