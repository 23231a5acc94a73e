using Seratio.Core.Chain;
using Seratio.Core.Numerics;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Microshares;

/// <summary>
/// <see cref="MsgRedeemMicroshares"/>: on a redeemable class, destroys units lot by lot and pays the
/// redeemer each lot's backing pro rata from the reserve account, in the lot's own origin asset
/// (<see cref="MintMath.ReleasedAfter"/>: the last unit releases the remainder exactly). Refusals: as for
/// a send, plus UNAUTHORIZED when the class is not redeemable. Gas <see cref="GasCost"/>. Emits
/// "microshares_redeemed" {class, holder, units, lots, released "asset:amount,..."}. Stateless; thread safe.
/// </summary>
public sealed class RedeemMicrosharesHandler : IMsgHandler
{
    public const ulong GasCost = 15_000;

    public Msg.KindOneofCase Kind => Msg.KindOneofCase.RedeemMicroshares;
    public string Name => "redeem-microshares";
    public Permission Permission => Permission.AnySigner;
    public ulong Gas(ChainParams p) => GasCost;
    public Amount MaxSerSpend(Msg msg) => Amount.Zero;

    public MsgResult Validate(Msg msg, ChainParams p) => Validate(msg.RedeemMicroshares, out _);

    public MsgResult Execute(Msg msg, in MsgContext context)
    {
        var redeem = msg.RedeemMicroshares;
        var check = Validate(redeem, out var units);
        if (!check.IsOk) return check;
        var c = Microshares.GetClass(context.State, redeem.ClassId);
        if (c is not null && !c.Redeemable)
            return MsgResult.Fail(ResultCode.Unauthorized,
                $"microshare class {c.Id} ({c.Symbol}) is not redeemable: its units cannot be exchanged for their backing; burn them instead");
        check = Spending.Begin(context, redeem.ClassId, units, redeem.LotIds, out var holding, out var takes);
        if (!check.IsOk) return check;
        var released = Retirement.Retire(context, redeem.ClassId, holding, takes, redeem: true);

        var ev = new Event { Type = MicroshareEvents.Redeemed };
        MicroshareEvents.Add(ev, "class", MicroshareEvents.Num(redeem.ClassId));
        MicroshareEvents.Add(ev, "holder", context.Addresses.Of(context.Sender));
        MicroshareEvents.Add(ev, "units", redeem.Units);
        MicroshareEvents.Add(ev, "lots", MicroshareEvents.Lots(takes));
        MicroshareEvents.Add(ev, "released", released);
        context.Events.Add(ev);
        return MsgResult.Ok;
    }

    private static MsgResult Validate(MsgRedeemMicroshares? redeem, out Amount units)
    {
        units = Amount.Zero;
        return redeem is null
            ? Fields.Invalid("redeem-microshares message is empty")
            : MicroshareRules.Spend(redeem.ClassId, redeem.Units, redeem.LotIds, out units);
    }
}
