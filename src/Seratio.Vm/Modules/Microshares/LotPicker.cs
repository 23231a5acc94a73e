using System.Globalization;
using Seratio.Core.Addressing;
using Seratio.Core.Numerics;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Microshares;

/// <summary>One lot's share of a spend: the lot and the units taken from it.</summary>
public readonly record struct LotTake(MicroshareLotState Lot, Amount Units);

/// <summary>
/// Chooses the lots a send, burn or redeem takes units from, without writing anything. Named lots
/// are taken in the order given, each as far as the sender holds it; a named lot that is frozen,
/// unknown, of another class or not held by the sender is refused. Without names, movable lots are
/// taken in ascending lot id (oldest first) and frozen lots are skipped; when the movable units fall
/// short, FROZEN names the first frozen lot and why. Stateless; thread safe.
/// </summary>
internal static class LotPicker
{
    public static MsgResult Pick(in MsgContext context, ulong classId, MicroshareHolding holding, Amount units,
        IReadOnlyList<ulong> named, out List<LotTake> takes)
    {
        takes = new List<LotTake>(Math.Max(1, named.Count));
        return named.Count > 0
            ? PickNamed(context, classId, holding, units, named, takes)
            : PickOldest(context, classId, holding, units, takes);
    }

    private static MsgResult PickNamed(in MsgContext context, ulong classId, MicroshareHolding holding, Amount units,
        IReadOnlyList<ulong> named, List<LotTake> takes)
    {
        var remaining = units;
        var available = Amount.Zero;
        foreach (var id in named)
        {
            if (remaining.IsZero) break;
            int at = HoldingOps.IndexOf(holding, id);
            if (at < 0) return NotHeld(context, classId, id);
            var lot = Microshares.GetLot(context.State, id) ?? throw new InvalidDataException($"a holding lists lot {id}, which state does not hold");
            var status = Status(context, lot);
            if (status.Frozen)
                return MsgResult.Fail(ResultCode.Frozen,
                    $"lot {id} is frozen ({status.Reason}); its units cannot move. Spend other lots or leave lot_ids empty to spend movable lots oldest first");
            var held = Microshares.Units(holding.Lots[at].Units);
            available += held;
            var take = held < remaining ? held : remaining;
            takes.Add(new LotTake(lot, take));
            remaining -= take;
        }
        if (!remaining.IsZero)
            return MsgResult.Fail(ResultCode.InsufficientFunds,
                $"the named lots hold {available} units of class {classId} for {context.Sender}, less than the {units} asked for; name more lots or spend fewer units");
        return MsgResult.Ok;
    }

    private static MsgResult PickOldest(in MsgContext context, ulong classId, MicroshareHolding holding, Amount units, List<LotTake> takes)
    {
        var remaining = units;
        var movable = Amount.Zero;
        string? firstFrozen = null;
        foreach (var entry in holding.Lots)
        {
            var lot = Microshares.GetLot(context.State, entry.LotId) ?? throw new InvalidDataException($"a holding lists lot {entry.LotId}, which state does not hold");
            var status = Status(context, lot);
            if (status.Frozen)
            {
                firstFrozen ??= string.Create(CultureInfo.InvariantCulture, $"lot {lot.Id} ({status.Reason})");
                continue;
            }
            var held = Microshares.Units(entry.Units);
            movable += held;
            var take = held < remaining ? held : remaining;
            takes.Add(new LotTake(lot, take));
            remaining -= take;
            if (remaining.IsZero) return MsgResult.Ok;
        }
        if (firstFrozen is not null)
            return MsgResult.Fail(ResultCode.Frozen,
                $"{context.Sender} can move only {movable} units of class {classId}, less than the {units} asked for; the rest is frozen: {firstFrozen}");
        return MsgResult.Fail(ResultCode.InsufficientFunds,
            $"{context.Sender} holds {movable} units of class {classId}, less than the {units} asked for");
    }

    private static LotStatus Status(in MsgContext context, MicroshareLotState lot) =>
        LotStatuses.Of(lot.Flags.CertificateId, Certificates.Certificates.Get(context.State, lot.Flags.CertificateId), context.Block.TimeUnixMs);

    private static MsgResult NotHeld(in MsgContext context, ulong classId, ulong id)
    {
        var lot = Microshares.GetLot(context.State, id);
        if (lot is null) return MsgResult.Fail(ResultCode.NotFound, $"lot {id} does not exist; check the id (GetMicroshareHoldings lists your lots)");
        if (lot.ClassId != classId)
            return MsgResult.Fail(ResultCode.InvalidMsg, $"lot {id} is a lot of class {lot.ClassId}, not of class {classId}; name lots of the class you spend");
        return MsgResult.Fail(ResultCode.Unauthorized, $"lot {id} does not belong to {context.Sender}: it holds no units of it; GetMicroshareHoldings lists its lots");
    }
}
