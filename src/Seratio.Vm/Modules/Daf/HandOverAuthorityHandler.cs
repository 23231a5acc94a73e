using Seratio.Core.Addressing;
using Seratio.Core.Chain;
using Seratio.Core.Numerics;
using Seratio.Protocol;
using Seratio.Vm.Modules.Governance;

namespace Seratio.Vm.Modules.Daf;

/// <summary>
/// <see cref="MsgHandOverAuthority"/> (authority only): makes the DAF's account (<see cref="Daf.Address"/>) the authority,
/// after which only a passed proposal acts as the authority. Refused UNAUTHORIZED when <c>to</c> is any other account,
/// INVALID_MSG when <c>to</c> is not 20 bytes or the council is empty (nobody could ever vote again). Emits
/// "daf.authority" {to}. Gas: <see cref="GasCost"/>. Stateless; thread safe.
/// </summary>
public sealed class HandOverAuthorityHandler : IMsgHandler
{
    /// <summary>Fixed gas: one council read, one small write.</summary>
    public const ulong GasCost = 20_000;

    public Msg.KindOneofCase Kind => Msg.KindOneofCase.HandOverAuthority;
    public string Name => "hand-over-authority";
    public Permission Permission => Permission.Authority;
    public ulong Gas(ChainParams p) => GasCost;
    public Amount MaxSerSpend(Msg msg) => Amount.Zero;

    public MsgResult Validate(Msg msg, ChainParams p) =>
        msg.HandOverAuthority is not { } m ? MsgResult.Fail(ResultCode.InvalidMsg, "hand_over_authority message is empty")
        : m.To.Length != Address.Size ? MsgResult.Fail(ResultCode.InvalidMsg, $"to must be a {Address.Size}-byte address, got {m.To.Length} bytes")
        : MsgResult.Ok;

    public MsgResult Execute(Msg msg, in MsgContext context)
    {
        var check = Validate(msg, context.Block.Params);
        if (!check.IsOk) return check;
        var to = new Address(msg.HandOverAuthority.To.Span);
        if (to != Daf.Address)
            return MsgResult.Fail(ResultCode.Unauthorized, $"the authority can only be handed to the DAF account {Daf.Address}, not {to}");
        if (Daf.Members(DafStore.Read(context.State)).Members.Count == 0)
            return MsgResult.Fail(ResultCode.InvalidMsg, "the DAF has no council: set its members first (set_daf_members), or nobody could ever act as the authority again");
        context.State.Set(GovernanceKeys.Authority(), Authority.Encode(Daf.Address));
        context.Events.Add(DafEvent.Of(DafEvent.AuthorityType, ("to", context.Addresses.Of(Daf.Address))));
        return MsgResult.Ok;
    }
}
