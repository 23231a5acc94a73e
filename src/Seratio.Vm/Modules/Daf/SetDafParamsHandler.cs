using Seratio.Core.Chain;
using Seratio.Core.Numerics;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Daf;

/// <summary>
/// <see cref="MsgSetDafParams"/> (authority only): replaces the DAF's parameters, every field validated
/// (<see cref="DafRules.ParamsProblem"/>; INVALID_MSG naming the field). Proposals already submitted keep the copy they
/// were created under. Emits "daf.params". Gas: <see cref="GasCost"/>. Stateless; thread safe.
/// </summary>
public sealed class SetDafParamsHandler : IMsgHandler
{
    /// <summary>Fixed gas: one small write.</summary>
    public const ulong GasCost = 20_000;

    public Msg.KindOneofCase Kind => Msg.KindOneofCase.SetDafParams;
    public string Name => "set-daf-params";
    public Permission Permission => Permission.Authority;
    public ulong Gas(ChainParams p) => GasCost;
    public Amount MaxSerSpend(Msg msg) => Amount.Zero;

    public MsgResult Validate(Msg msg, ChainParams p) =>
        DafRules.ParamsProblem(msg.SetDafParams?.Params) is { } problem ? MsgResult.Fail(ResultCode.InvalidMsg, problem) : MsgResult.Ok;

    public MsgResult Execute(Msg msg, in MsgContext context)
    {
        var check = Validate(msg, context.Block.Params);
        if (!check.IsOk) return check;
        DafStore.SetParams(context.State, msg.SetDafParams.Params);
        context.Events.Add(DafEvent.Of(DafEvent.ParamsType));
        return MsgResult.Ok;
    }
}
