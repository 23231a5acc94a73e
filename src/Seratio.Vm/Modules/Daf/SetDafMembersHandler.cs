using Seratio.Core.Chain;
using Seratio.Core.Numerics;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Daf;

/// <summary>
/// <see cref="MsgSetDafMembers"/> (authority only: before the handover the authority key sets the council up, after it
/// only a passed proposal): replaces the council with 1..<see cref="DafRules.MaxMembers"/> distinct members, weights
/// 1..<see cref="DafRules.MaxMemberWeight"/> (INVALID_MSG otherwise). Votes already cast keep their weight; proposals
/// already voting keep the total weight they started with. Emits "daf.members" {members, total_weight}.
/// Gas: <see cref="GasCost"/>. Stateless; thread safe.
/// </summary>
public sealed class SetDafMembersHandler : IMsgHandler
{
    /// <summary>Fixed gas: up to 2,000 small writes (old weights removed, new ones written) and the list.</summary>
    public const ulong GasCost = 200_000;

    public Msg.KindOneofCase Kind => Msg.KindOneofCase.SetDafMembers;
    public string Name => "set-daf-members";
    public Permission Permission => Permission.Authority;
    public ulong Gas(ChainParams p) => GasCost;
    public Amount MaxSerSpend(Msg msg) => Amount.Zero;

    public MsgResult Validate(Msg msg, ChainParams p)
    {
        if (msg.SetDafMembers is not { } m) return MsgResult.Fail(ResultCode.InvalidMsg, "set_daf_members message is empty");
        return DafRules.MembersProblem(m.Members) is { } problem ? MsgResult.Fail(ResultCode.InvalidMsg, problem) : MsgResult.Ok;
    }

    public MsgResult Execute(Msg msg, in MsgContext context)
    {
        var check = Validate(msg, context.Block.Params);
        if (!check.IsOk) return check;
        var council = DafStore.SetMembers(context.State, msg.SetDafMembers.Members);
        context.Events.Add(DafEvent.Of(DafEvent.MembersType,
            ("members", DafEvent.Num((ulong)council.Members.Count)), ("total_weight", DafEvent.Num(council.TotalWeight))));
        return MsgResult.Ok;
    }
}
