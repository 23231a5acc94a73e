using Seratio.Core.Addressing;
using Seratio.Core.Numerics;
using Seratio.Protocol;
using Seratio.Vm.Modules.Microshares;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Exchange;

/// <summary>
/// Microshare lots held by open sells: locking takes units out of the seller's holding into the order's
/// <c>lots</c> (same ids, certificate ids kept), a fill hands the front units to the buyer under the same lot ids, a close
/// returns what is left. Lot records and their flags are never written. A holding that receives from the exchange may
/// pass <see cref="HoldingOps.MaxLots"/> (a batch cannot refuse a buyer); sends and mints still enforce it.
/// Stateless; thread safe.
/// </summary>
internal static class LotEscrow
{
    public static List<LotUnits> Lock(IStateView view, Address owner, ulong classId, IReadOnlyList<LotTake> takes)
    {
        var holding = Microshares.Microshares.GetHolding(view, owner, classId);
        var lots = new List<LotUnits>(takes.Count);
        foreach (var take in takes)
        {
            HoldingOps.Remove(holding, take.LotId, take.Units);
            lots.Add(new LotUnits { LotId = take.LotId, CertificateId = take.CertificateId, Units = take.Units.ToString() });
        }
        Microshares.Microshares.PutHolding(view, owner, classId, holding);
        return lots;
    }

    /// <summary>Takes <paramref name="units"/> from the front of <paramref name="order"/>'s lots into <paramref name="buyer"/>'s holding; returns what moved.</summary>
    public static List<LotUnits> Deliver(IStateView view, OrderState order, ulong classId, Address buyer, Amount units)
    {
        var moved = new List<LotUnits>();
        var holding = Microshares.Microshares.GetHolding(view, buyer, classId);
        var left = units;
        while (!left.IsZero)
        {
            if (order.Lots.Count == 0) throw new InvalidOperationException($"order {order.Id} holds fewer lot units than it sells");
            var front = order.Lots[0];
            var have = Microshares.Microshares.Units(front.Units);
            var take = have < left ? have : left;
            Add(holding, front.LotId, front.CertificateId, take);
            moved.Add(new LotUnits { LotId = front.LotId, CertificateId = front.CertificateId, Units = take.ToString() });
            if (take == have) order.Lots.RemoveAt(0);
            else front.Units = (have - take).ToString();
            left -= take;
        }
        Microshares.Microshares.PutHolding(view, buyer, classId, holding);
        return moved;
    }

    /// <summary>Returns every lot still in <paramref name="order"/> to its owner.</summary>
    public static void Return(IStateView view, OrderState order, ulong classId)
    {
        if (order.Lots.Count == 0) return;
        var owner = new Address(order.Owner.Span);
        var holding = Microshares.Microshares.GetHolding(view, owner, classId);
        foreach (var lot in order.Lots) Add(holding, lot.LotId, lot.CertificateId, Microshares.Microshares.Units(lot.Units));
        order.Lots.Clear();
        Microshares.Microshares.PutHolding(view, owner, classId, holding);
    }

    private static void Add(MicroshareHolding holding, ulong lotId, ulong certificateId, Amount units)
    {
        int at = HoldingOps.IndexOf(holding, lotId);
        if (at >= 0) holding.Lots[at].Units = (Microshares.Microshares.Units(holding.Lots[at].Units) + units).ToString();
        else holding.Lots.Insert(~at, new LotUnits { LotId = lotId, Units = units.ToString(), CertificateId = certificateId });
    }
}
