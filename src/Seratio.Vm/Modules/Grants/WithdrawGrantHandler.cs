using Seratio.Core.Addressing;
using Seratio.Core.Chain;
using Seratio.Core.Numerics;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Grants;

/// <summary>
/// <see cref="MsgWithdrawGrant"/>: the requester closes its open request (WITHDRAWN); stakes stay until unstaked.
/// Refusals: INVALID_MSG (no id), NOT_FOUND, UNAUTHORIZED (not the requester), GRANT_CLOSED. Permission
/// <see cref="Permission.AnySigner"/> (the requester, checked against the grant); gas <see cref="GasCost"/>;
/// emits "grant.withdrawn". Stateless; thread safe.
/// </summary>
public sealed class WithdrawGrantHandler : IMsgHandler
{
    public const ulong GasCost = 10_000;

    public Msg.KindOneofCase Kind => Msg.KindOneofCase.WithdrawGrant;
    public string Name => "withdraw-grant";
    public Permission Permission => Permission.AnySigner;
    public ulong Gas(ChainParams p) => GasCost;
    public Amount MaxSerSpend(Msg msg) => Amount.Zero;

    public MsgResult Validate(Msg msg, ChainParams p) =>
        msg.WithdrawGrant.GrantId == 0 ? Fields.Invalid("grant_id is required (grants are numbered from 1)") : MsgResult.Ok;

    public MsgResult Execute(Msg msg, in MsgContext context)
    {
        var check = Validate(msg, context.Block.Params);
        if (!check.IsOk) return check;
        var view = context.State;
        var reader = Grants.Read(view);
        var grant = Grants.GetGrant(reader, msg.WithdrawGrant.GrantId);
        if (grant is null) return MsgResult.Fail(ResultCode.NotFound, $"grant {msg.WithdrawGrant.GrantId} does not exist; check the id (ListGrants)");
        var requester = new Address(grant.Requester.Span);
        if (requester != context.Sender)
            return MsgResult.Fail(ResultCode.Unauthorized, $"grant {grant.Id} was requested by {requester}; only its requester may withdraw it");
        if (grant.Status != GrantStatus.Open)
            return MsgResult.Fail(ResultCode.GrantClosed, $"grant {grant.Id} is already {GrantText.Status(grant.Status)} (at height {grant.ClosedHeight})");
        var p = Daf.Daf.Params(reader);
        ulong height = context.Block.Height;
        GrantCheck.Close(view, grant, GrantStatus.Withdrawn, Grants.ConvictionAt(grant, height, p), height);
        Grants.PutGrant(view, grant);
        context.Events.Add(GrantEvents.Withdrawn(grant));
        return MsgResult.Ok;
    }
}
