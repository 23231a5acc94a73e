using Seratio.Core.Chain;
using Seratio.Core.Numerics;
using Seratio.Protocol;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Roles;

/// <summary>
/// <see cref="MsgGrantRole"/>: the authority grants a role. For the issuer role, <c>methods</c>
/// (sorted on write) replaces any earlier restriction; empty means every method. Granting what the
/// account already holds with the same restriction is ALREADY_EXISTS. Gas <see cref="GasCost"/>.
/// Emits "role_granted" {account, role, method...}. Stateless; thread safe.
/// </summary>
public sealed class GrantRoleHandler : IMsgHandler
{
    public const ulong GasCost = 10_000;
    public const string EventType = "role_granted";

    public Msg.KindOneofCase Kind => Msg.KindOneofCase.GrantRole;
    public string Name => "grant-role";
    public Permission Permission => Permission.Authority;
    public ulong Gas(ChainParams p) => GasCost;
    public Amount MaxSerSpend(Msg msg) => Amount.Zero;

    public MsgResult Validate(Msg msg, ChainParams p) => Validate(msg.GrantRole);

    public MsgResult Execute(Msg msg, in MsgContext context)
    {
        var grant = msg.GrantRole;
        var check = Validate(grant);
        if (!check.IsOk) return check;
        var account = new Core.Addressing.Address(grant.Account.Span);
        var set = Roles.Read(context.State, account);
        var methods = grant.Methods.Order(StringComparer.Ordinal).ToList();
        if (grant.Role == Role.Issuer)
        {
            if (set.Issuer && set.IssuerMethods.SequenceEqual(methods))
                return MsgResult.Fail(ResultCode.AlreadyExists, $"{account} already holds the issuer role with these methods; nothing to change");
            set.Issuer = true;
            set.IssuerMethods.Clear();
            set.IssuerMethods.Add(methods);
        }
        else
        {
            if (set.RewardingBody)
                return MsgResult.Fail(ResultCode.AlreadyExists, $"{account} already holds the rewarding-body role; nothing to change");
            set.RewardingBody = true;
        }
        context.State.Set(RoleKeys.Roles(account), Roles.Encode(set));

        var ev = new Event { Type = EventType };
        ev.Attributes.Add(new EventAttribute { Key = "account", Value = context.Addresses.Of(account) });
        ev.Attributes.Add(new EventAttribute { Key = "role", Value = Roles.NameOf(grant.Role) });
        foreach (var method in methods) ev.Attributes.Add(new EventAttribute { Key = "method", Value = method });
        context.Events.Add(ev);
        return MsgResult.Ok;
    }

    private static MsgResult Validate(MsgGrantRole? grant)
    {
        if (grant is null) return Fields.Invalid("grant-role message is empty");
        var check = Fields.RequireAddress(grant.Account, "account", out _);
        if (!check.IsOk) return check;
        check = RoleRules.KnownRole(grant.Role);
        return check.IsOk ? RoleRules.Methods(grant.Role, grant.Methods) : check;
    }
}
