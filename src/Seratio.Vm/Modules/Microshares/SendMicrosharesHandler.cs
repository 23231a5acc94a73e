using Seratio.Core.Addressing;
using Seratio.Core.Chain;
using Seratio.Core.Numerics;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Microshares;

/// <summary>
/// <see cref="MsgSendMicroshares"/>: moves units lot by lot (<see cref="LotPicker"/>); the recipient gets
/// the same lot ids, so every unit keeps its flags and units of one lot merge in the recipient's holding.
/// A send to oneself is checked but changes nothing. Refusals: NOT_FOUND (class or named lot unknown),
/// UNAUTHORIZED (named lot not held), FROZEN (named or needed lot frozen), INSUFFICIENT_FUNDS,
/// LIMIT_EXCEEDED (recipient would hold more than 256 lots of the class). Gas 2 × params.gas_transfer.
/// Emits "microshares_sent" {class, sender, recipient, units, lots "id:units,...", memo}. Stateless; thread safe.
/// </summary>
public sealed class SendMicrosharesHandler : IMsgHandler
{
    public Msg.KindOneofCase Kind => Msg.KindOneofCase.SendMicroshares;
    public string Name => "send-microshares";
    public Permission Permission => Permission.AnySigner;
    public ulong Gas(ChainParams p) => 2 * p.GasTransfer;
    public Amount MaxSerSpend(Msg msg) => Amount.Zero;

    public MsgResult Validate(Msg msg, ChainParams p) => Validate(msg.SendMicroshares, out _, out _);

    public MsgResult Execute(Msg msg, in MsgContext context)
    {
        var send = msg.SendMicroshares;
        var check = Validate(send, out var to, out var units);
        if (!check.IsOk) return check;
        check = Spending.Begin(context, send.ClassId, units, send.LotIds, out var holding, out var takes);
        if (!check.IsOk) return check;
        var state = context.State;
        if (to != context.Sender)
        {
            var received = Microshares.GetHolding(state, to, send.ClassId);
            foreach (var take in takes)
            {
                HoldingOps.Remove(holding, take.LotId, take.Units);
                if (!HoldingOps.TryAdd(received, take.LotId, take.CertificateId, take.Units))
                    return MsgResult.Fail(ResultCode.LimitExceeded,
                        $"{to} already holds {HoldingOps.MaxLots} lots of class {send.ClassId}, the limit; name lots it already holds or ask it to consolidate");
            }
            Microshares.PutHolding(state, context.Sender, send.ClassId, holding);
            Microshares.PutHolding(state, to, send.ClassId, received);
        }

        var ev = new Event { Type = MicroshareEvents.Sent };
        MicroshareEvents.Add(ev, "class", MicroshareEvents.Num(send.ClassId));
        MicroshareEvents.Add(ev, "sender", context.Addresses.Of(context.Sender));
        MicroshareEvents.Add(ev, "recipient", context.Addresses.Of(to));
        MicroshareEvents.Add(ev, "units", send.Units);
        MicroshareEvents.Add(ev, "lots", MicroshareEvents.Lots(takes));
        MicroshareEvents.Add(ev, "memo", send.Memo);
        context.Events.Add(ev);
        return MsgResult.Ok;
    }

    private static MsgResult Validate(MsgSendMicroshares? send, out Address to, out Amount units)
    {
        to = default;
        units = Amount.Zero;
        if (send is null) return Fields.Invalid("send-microshares message is empty");
        var check = MicroshareRules.Spend(send.ClassId, send.Units, send.LotIds, out units);
        if (!check.IsOk) return check;
        check = Fields.RequireAddress(send.To, "to", out to);
        return check.IsOk ? Fields.RequireText(send.Memo, "memo", 0, MicroshareRules.MaxMemoBytes) : check;
    }
}
