using Seratio.Protocol;
using Seratio.Vm.Modules.Microshares;
using static Seratio.Vm.Tests.Support.CertMsgs;
using static Seratio.Vm.Tests.Support.ValueMsgs;

namespace Seratio.Vm.Tests.Support;

/// <summary>Messages and a ready state of the microshare module for tests.</summary>
public static class MicroMsgs
{
    /// <summary>
    /// A certificates-ready state where "rb" holds the rewarding-body role, certificate 1 (ratio 2.5) and
    /// certificate 2 (ratio 0.5) exist, and class 1 "GOOD" (fixed 2/1, redeemable) carries both.
    /// </summary>
    public static MemoryState Ready(params string[] more)
    {
        var state = CertMsgs.Ready(["rb", "alice", "bob", "carol", .. more]);
        Assert.Equal(ResultCode.Ok, Run(state, Authority, Grant("rb", Role.RewardingBody)).Code);
        Assert.Equal(ResultCode.Ok, Run(state, "issuer", Issue(Cert(social: "250", financial: "100")), Issue(Cert(social: "1", financial: "2"))).Code);
        var created = Run(state, "rb", CreateClass("GOOD", MintRuleKind.Fixed, 2, 1, redeemable: true, 1, 2));
        Assert.True(created.Code == ResultCode.Ok, created.Log);
        return state;
    }

    public static Msg CreateClass(string symbol, MintRuleKind kind, ulong numerator, ulong denominator, bool redeemable, params ulong[] certificates)
    {
        var create = new MsgCreateMicroshareClass
        {
            Name = symbol + " shares",
            Symbol = symbol,
            Rule = new MintRule { Kind = kind, Numerator = numerator, Denominator = denominator },
            Redeemable = redeemable,
        };
        create.CertificateIds.Add(certificates);
        return new Msg { CreateMicroshareClass = create };
    }

    public static Msg MintMs(ulong classId, ulong certificate, string asset, string amount) =>
        new() { MintMicroshares = new MsgMintMicroshares { ClassId = classId, CertificateId = certificate, OriginAsset = asset, OriginAmount = amount } };

    public static Msg SendMs(ulong classId, string to, string units, params ulong[] lots)
    {
        var send = new MsgSendMicroshares { ClassId = classId, To = TestKeys.Address(to).ToByteString(), Units = units };
        send.LotIds.Add(lots);
        return new Msg { SendMicroshares = send };
    }

    public static Msg BurnMs(ulong classId, string units, params ulong[] lots)
    {
        var burn = new MsgBurnMicroshares { ClassId = classId, Units = units };
        burn.LotIds.Add(lots);
        return new Msg { BurnMicroshares = burn };
    }

    public static Msg RedeemMs(ulong classId, string units, params ulong[] lots)
    {
        var redeem = new MsgRedeemMicroshares { ClassId = classId, Units = units };
        redeem.LotIds.Add(lots);
        return new Msg { RedeemMicroshares = redeem };
    }

    /// <summary>"lot:units,..." of a holder's holding of a class.</summary>
    public static string HoldingOf(MemoryState state, string holder, ulong classId = 1) =>
        string.Join(",", Microshares.GetHolding(state, Addr(holder), classId).Lots.Select(l => $"{l.LotId}:{l.Units}"));
}
