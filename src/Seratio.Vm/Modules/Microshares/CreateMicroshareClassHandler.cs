using Seratio.Core.Chain;
using Seratio.Core.Numerics;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Microshares;

/// <summary>
/// <see cref="MsgCreateMicroshareClass"/>: a rewarding body creates a class naming the certificates whose
/// values it carries, its minting rule and whether units are redeemable. Ids are the class counter plus one;
/// symbols are unique among classes. Refusals: UNAUTHORIZED (no rewarding-body role, by the executor),
/// ALREADY_EXISTS (symbol taken), NOT_FOUND (a certificate unknown), FROZEN (a certificate revoked),
/// INVALID_MSG (fields). Gas <see cref="GasCost"/>. Emits "microshare_class_created". Stateless; thread safe.
/// </summary>
public sealed class CreateMicroshareClassHandler : IMsgHandler
{
    public const ulong GasCost = 30_000;

    public Msg.KindOneofCase Kind => Msg.KindOneofCase.CreateMicroshareClass;
    public string Name => "create-microshare-class";
    public Permission Permission => Permission.RewardingBody;
    public ulong Gas(ChainParams p) => GasCost;
    public Amount MaxSerSpend(Msg msg) => Amount.Zero;

    public MsgResult Validate(Msg msg, ChainParams p) => MicroshareRules.Create(msg.CreateMicroshareClass);

    public MsgResult Execute(Msg msg, in MsgContext context)
    {
        var create = msg.CreateMicroshareClass;
        var check = MicroshareRules.Create(create);
        if (!check.IsOk) return check;
        var state = context.State;
        ulong taken = Microshares.ClassIdOf(state, create.Symbol);
        if (taken != 0)
            return MsgResult.Fail(ResultCode.AlreadyExists, $"symbol '{create.Symbol}' is already used by microshare class {taken}; choose another symbol");
        foreach (var id in create.CertificateIds)
        {
            var certificate = Certificates.Certificates.Get(state, id);
            if (certificate is null)
                return MsgResult.Fail(ResultCode.NotFound, $"certificate {id} does not exist; a class can only carry issued certificates (GetCertificate)");
            if (certificate.Revoked)
                return MsgResult.Fail(ResultCode.Frozen, $"{LotStatuses.FrozenReason(certificate)}; a class cannot carry a revoked certificate");
        }
        ulong last = Microshares.LastClassId(state);
        if (last == ulong.MaxValue) return MsgResult.Fail(ResultCode.LimitExceeded, "microshare class ids are exhausted");
        ulong classId = last + 1;

        var c = new MicroshareClassState
        {
            Id = classId,
            Name = create.Name,
            Symbol = create.Symbol,
            Rule = create.Rule,
            Redeemable = create.Redeemable,
            Creator = context.Sender.ToByteString(),
            CreatedHeight = context.Block.Height,
            ReserveAddress = Microshares.ReserveAddress(classId).ToByteString(),
            UnitsMinted = "0",
            UnitsBurned = "0",
        };
        c.CertificateIds.Add(create.CertificateIds);
        Microshares.SetLastClassId(state, classId);
        Microshares.PutClass(state, c);
        Microshares.PutSymbol(state, c.Symbol, classId);

        var ev = new Event { Type = MicroshareEvents.ClassCreated };
        MicroshareEvents.Add(ev, "class", MicroshareEvents.Num(classId));
        MicroshareEvents.Add(ev, "symbol", c.Symbol);
        MicroshareEvents.Add(ev, "creator", context.Addresses.Of(context.Sender));
        MicroshareEvents.Add(ev, "reserve", context.Addresses.Of(Microshares.ReserveAddress(classId)));
        MicroshareEvents.Add(ev, "redeemable", c.Redeemable ? "true" : "false");
        foreach (var id in c.CertificateIds) MicroshareEvents.Add(ev, "certificate", MicroshareEvents.Num(id));
        context.Events.Add(ev);
        return MsgResult.Ok;
    }
}
