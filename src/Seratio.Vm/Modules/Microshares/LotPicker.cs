using System.Globalization;
using Seratio.Core.Numerics;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Microshares;

/// <summary>One lot's share of a spend: the lot, its certificate and the units taken from it.</summary>
public readonly record struct LotTake(ulong LotId, ulong CertificateId, Amount Units);

/// <summary>
/// Chooses the lots a send, burn or redeem takes units from, without writing anything. Named lots
/// are taken in the order given, each as far as the sender holds it; a named lot that is frozen,
/// unknown, of another class or not held by the sender is refused. Without names, movable lots are
/// taken in ascending lot id (oldest first) and frozen lots are skipped; when the movable units fall
/// short, FROZEN names the first frozen lot and why. Frozen-ness comes from the certificate id each
/// holding entry carries (<see cref="Revocations"/>), so no lot is read. Stateless; thread safe.
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
            var entry = holding.Lots[at];
            if (Revocations.FrozenReason(context.State, entry.CertificateId) is { } reason)
                return MsgResult.Fail(ResultCode.Frozen,
                    $"lot {id} is frozen ({reason}); its units cannot move. Spend other lots or leave lot_ids empty to spend movable lots oldest first");
            var held = Microshares.Units(entry.Units);
            available += held;
            var take = held < remaining ? held : remaining;
            takes.Add(new LotTake(id, entry.CertificateId, take));
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
            if (Revocations.FrozenReason(context.State, entry.CertificateId) is { } reason)
            {
                firstFrozen ??= string.Create(CultureInfo.InvariantCulture, $"lot {entry.LotId} ({reason})");
                continue;
            }
            var held = Microshares.Units(entry.Units);
            movable += held;
            var take = held < remaining ? held : remaining;
            takes.Add(new LotTake(entry.LotId, entry.CertificateId, take));
            remaining -= take;
            if (remaining.IsZero) return MsgResult.Ok;
        }
        if (firstFrozen is not null)
            return MsgResult.Fail(ResultCode.Frozen,
                $"{context.Sender} can move only {movable} units of class {classId}, less than the {units} asked for; the rest is frozen: {firstFrozen}");
        return MsgResult.Fail(ResultCode.InsufficientFunds,
            $"{context.Sender} holds {movable} units of class {classId}, less than the {units} asked for");
    }

    private static MsgResult NotHeld(in MsgContext context, ulong classId, ulong id)
    {
        var lot = Microshares.GetLot(context.State, id);
        if (lot is null) return MsgResult.Fail(ResultCode.NotFound, $"lot {id} does not exist; check the id (GetMicroshareHoldings lists your lots)");
        if (lot.ClassId != classId)
            return MsgResult.Fail(ResultCode.InvalidMsg, $"lot {id} is a lot of class {lot.ClassId}, not of class {classId}; name lots of the class you spend");
        return MsgResult.Fail(ResultCode.Unauthorized, $"lot {id} does not belong to {context.Sender}: it holds no units of it; GetMicroshareHoldings lists its lots");
    }
}
