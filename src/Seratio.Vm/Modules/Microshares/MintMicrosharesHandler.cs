using System.Numerics;
using Seratio.Core.Chain;
using Seratio.Core.Numerics;
using Seratio.Protocol;
using Seratio.Vm.Modules.Certificates;

namespace Seratio.Vm.Modules.Microshares;

/// <summary>
/// <see cref="MsgMintMicroshares"/>: the minter commits backing (SER or an altcoin) to the class's reserve
/// account and receives the units the class's rule gives (<see cref="MintMath"/>) in a new lot whose flags
/// record origin asset and amount, this transaction's hash, the certificate, the minter and the height.
/// Refusals: NOT_FOUND (class, certificate or asset unknown), INVALID_MSG (certificate not named by the
/// class or not active; backing buys 0 units), FROZEN (certificate revoked), INSUFFICIENT_FUNDS,
/// LIMIT_EXCEEDED (units above 2^128-1, 256 lots held, 32 reserve assets). Every check runs before the
/// first write. Gas <see cref="GasCost"/>. Emits "microshares_minted". Stateless; thread safe.
/// </summary>
public sealed class MintMicrosharesHandler : IMsgHandler
{
    public const ulong GasCost = 20_000;
    public const int MaxReserveAssets = 32;

    public Msg.KindOneofCase Kind => Msg.KindOneofCase.MintMicroshares;
    public string Name => "mint-microshares";
    public Permission Permission => Permission.AnySigner;
    public ulong Gas(ChainParams p) => GasCost;

    public Amount MaxSerSpend(Msg msg) =>
        MicroshareRules.Mint(msg.MintMicroshares, out var amount).IsOk && msg.MintMicroshares.OriginAsset == Ser.Symbol ? amount : Amount.Zero;

    public MsgResult Validate(Msg msg, ChainParams p) => MicroshareRules.Mint(msg.MintMicroshares, out _);

    public MsgResult Execute(Msg msg, in MsgContext context)
    {
        var mint = msg.MintMicroshares;
        var check = MicroshareRules.Mint(mint, out var backing);
        if (!check.IsOk) return check;
        var state = context.State;
        var c = Microshares.GetClass(state, mint.ClassId);
        if (c is null) return MsgResult.Fail(ResultCode.NotFound, $"microshare class {mint.ClassId} does not exist; check the id (GetMicroshareClass)");
        check = CertificateFor(context, c, mint.CertificateId, out var ratio);
        if (!check.IsOk) return check;
        if (mint.OriginAsset != Ser.Symbol && Altcoins.Altcoins.Get(state, mint.OriginAsset) is null)
            return MsgResult.Fail(ResultCode.NotFound, $"asset '{mint.OriginAsset}' does not exist; back microshares with SER or an existing altcoin (GetAsset)");

        var units = MintMath.Units(c.Rule, backing, ratio);
        if (units is null) return MsgResult.Fail(ResultCode.LimitExceeded, $"{backing} base units of backing would mint more than 2^128-1 units; commit less");
        if (units.Value.IsZero)
            return Fields.Invalid($"{backing} base units of {mint.OriginAsset} buy 0 units under class {c.Id}'s rule ({RuleText(c.Rule)}, floored); commit more backing");
        var minted = Microshares.Units(c.UnitsMinted);
        if (!minted.TryAdd(units.Value, out var classMinted))
            return MsgResult.Fail(ResultCode.LimitExceeded, $"class {c.Id} would pass 2^128-1 units minted; commit less");
        var reserve = Microshares.GetReserve(state, c.Id, mint.OriginAsset);
        if (reserve is null && c.ReserveAssets.Count >= MaxReserveAssets)
            return MsgResult.Fail(ResultCode.LimitExceeded, $"class {c.Id} already has reserves of {MaxReserveAssets} assets, the limit; back it with one of {string.Join(", ", c.ReserveAssets)}");
        reserve ??= new MicroshareReserve { Asset = mint.OriginAsset, Committed = "0", Released = "0", UnitsMinted = "0", UnitsBurned = "0" };
        if (!Microshares.Units(reserve.Committed).TryAdd(backing, out var committed))
            return MsgResult.Fail(ResultCode.LimitExceeded, $"class {c.Id}'s reserve of {mint.OriginAsset} would pass 2^128-1; commit less");
        ulong lastLot = Microshares.LastLotId(state);
        if (lastLot == ulong.MaxValue) return MsgResult.Fail(ResultCode.LimitExceeded, "microshare lot ids are exhausted");
        ulong lotId = lastLot + 1;
        var holding = Microshares.GetHolding(state, context.Sender, c.Id);
        if (!HoldingOps.TryAdd(holding, lotId, mint.CertificateId, units.Value))
            return MsgResult.Fail(ResultCode.LimitExceeded,
                $"{context.Sender} already holds {HoldingOps.MaxLots} lots of class {c.Id}, the limit; burn, redeem or send whole lots first");
        check = BackingMoves.Move(context, mint.OriginAsset, context.Sender, Microshares.ReserveAddress(c.Id), backing);
        if (!check.IsOk) return check;

        var lot = new MicroshareLotState
        {
            Id = lotId,
            ClassId = c.Id,
            Flags = new LotFlags
            {
                OriginAsset = mint.OriginAsset,
                OriginAmount = backing.ToString(),
                OriginTxHash = context.TxHash.ToByteString(),
                CertificateId = mint.CertificateId,
                Minter = context.Sender.ToByteString(),
                MintHeight = context.Block.Height,
            },
            UnitsMinted = units.Value.ToString(),
            UnitsBurned = "0",
            UnitsRedeemed = "0",
            Released = "0",
        };
        reserve.Committed = committed.ToString();
        reserve.UnitsMinted = (Microshares.Units(reserve.UnitsMinted) + units.Value).ToString();
        if (!c.ReserveAssets.Contains(mint.OriginAsset))
        {
            int at = 0;
            while (at < c.ReserveAssets.Count && string.CompareOrdinal(c.ReserveAssets[at], mint.OriginAsset) < 0) at++;
            c.ReserveAssets.Insert(at, mint.OriginAsset);
        }
        c.UnitsMinted = classMinted.ToString();
        c.LotCount++;
        Microshares.SetLastLotId(state, lotId);
        Microshares.PutLot(state, lot);
        Microshares.PutClass(state, c);
        Microshares.PutReserve(state, c.Id, reserve);
        Microshares.PutHolding(state, context.Sender, c.Id, holding);

        var ev = new Event { Type = MicroshareEvents.Minted };
        MicroshareEvents.Add(ev, "class", MicroshareEvents.Num(c.Id));
        MicroshareEvents.Add(ev, "lot", MicroshareEvents.Num(lotId));
        MicroshareEvents.Add(ev, "minter", context.Addresses.Of(context.Sender));
        MicroshareEvents.Add(ev, "units", lot.UnitsMinted);
        MicroshareEvents.Add(ev, "origin_asset", mint.OriginAsset);
        MicroshareEvents.Add(ev, "origin_amount", lot.Flags.OriginAmount);
        MicroshareEvents.Add(ev, "certificate", MicroshareEvents.Num(mint.CertificateId));
        context.Events.Add(ev);
        return MsgResult.Ok;
    }

    private static MsgResult CertificateFor(in MsgContext context, MicroshareClassState c, ulong certificateId, out BigInteger ratio)
    {
        ratio = BigInteger.Zero;
        if (!c.CertificateIds.Contains(certificateId))
            return Fields.Invalid($"class {c.Id} does not carry certificate {certificateId}; mint against one of {string.Join(", ", c.CertificateIds)}");
        var certificate = Certificates.Certificates.Get(context.State, certificateId);
        if (certificate is null) throw new InvalidDataException($"class {c.Id} names certificate {certificateId}, which state does not hold");
        if (certificate.Revoked)
            return MsgResult.Fail(ResultCode.Frozen, $"{LotStatuses.FrozenReason(certificate)}; no units can be minted against it");
        var status = Certificates.Certificates.StatusAt(certificate, context.Block.TimeUnixMs);
        if (status != CertificateStatus.Active)
            return Fields.Invalid($"certificate {certificateId} is {Certificates.Certificates.StatusName(status)}; mint against an active certificate of the class");
        if (!SeRatio.TryParseStored(certificate.Ratio, out ratio))
            throw new InvalidDataException($"certificate {certificateId} holds a ratio that is not a canonical integer");
        return MsgResult.Ok;
    }

    internal static string RuleText(MintRule rule) => rule.Kind == MintRuleKind.Fixed
        ? $"fixed {rule.Numerator}/{rule.Denominator} units per base unit"
        : $"S/E ratio × {rule.Numerator}/{rule.Denominator} units per base unit";
}
