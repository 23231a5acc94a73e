using Seratio.Core.Chain;
using Seratio.Core.Numerics;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Microshares;

/// <summary>
/// <see cref="MsgBurnMicroshares"/>: destroys units lot by lot (<see cref="LotPicker"/>). Burning releases
/// no backing: it stays locked in the class's reserve for good (redeem, on redeemable classes, is the
/// way to get backing back). Frozen units cannot be burned. Refusals as for a send. Gas
/// <see cref="GasCost"/>. Emits "microshares_burned" {class, holder, units, lots}. Stateless; thread safe.
/// </summary>
public sealed class BurnMicrosharesHandler : IMsgHandler
{
    public const ulong GasCost = 10_000;

    public Msg.KindOneofCase Kind => Msg.KindOneofCase.BurnMicroshares;
    public string Name => "burn-microshares";
    public Permission Permission => Permission.AnySigner;
    public ulong Gas(ChainParams p) => GasCost;
    public Amount MaxSerSpend(Msg msg) => Amount.Zero;

    public MsgResult Validate(Msg msg, ChainParams p) => Validate(msg.BurnMicroshares, out _);

    public MsgResult Execute(Msg msg, in MsgContext context)
    {
        var burn = msg.BurnMicroshares;
        var check = Validate(burn, out var units);
        if (!check.IsOk) return check;
        check = Spending.Begin(context, burn.ClassId, units, burn.LotIds, out var holding, out var takes);
        if (!check.IsOk) return check;
        Retirement.Retire(context, burn.ClassId, holding, takes, redeem: false);

        var ev = new Event { Type = MicroshareEvents.Burned };
        MicroshareEvents.Add(ev, "class", MicroshareEvents.Num(burn.ClassId));
        MicroshareEvents.Add(ev, "holder", context.Addresses.Of(context.Sender));
        MicroshareEvents.Add(ev, "units", burn.Units);
        MicroshareEvents.Add(ev, "lots", MicroshareEvents.Lots(takes));
        context.Events.Add(ev);
        return MsgResult.Ok;
    }

    private static MsgResult Validate(MsgBurnMicroshares? burn, out Amount units)
    {
        units = Amount.Zero;
        return burn is null
            ? Fields.Invalid("burn-microshares message is empty")
            : MicroshareRules.Spend(burn.ClassId, burn.Units, burn.LotIds, out units);
    }
}
