using System.Text;
using Seratio.Core.Numerics;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Microshares;

/// <summary>
/// The writes of a burn or redeem after the lots are picked: holding, lots, class and reserves counters,
/// and for a redemption the release of backing from the reserve account to the holder. Cannot fail: the
/// picker checked the units and the reserve account holds at least committed − released of each asset
/// (invariant), which covers every release. Stateless; thread safe.
/// </summary>
internal static class Retirement
{
    /// <summary>Applies the retirement; returns the released backing as "asset:amount,..." (empty for a burn).</summary>
    public static string Retire(in MsgContext context, ulong classId, MicroshareHolding holding, List<LotTake> takes, bool redeem)
    {
        var state = context.State;
        var c = Microshares.GetClass(state, classId)!;
        var reserveAccount = Microshares.ReserveAddress(classId);
        var released = new StringBuilder();
        var total = Amount.Zero;
        foreach (var take in takes)
        {
            var lot = Microshares.GetLot(state, take.LotId) ?? throw new InvalidDataException($"a holding lists lot {take.LotId}, which state does not hold");
            HoldingOps.Remove(holding, lot.Id, take.Units);
            total += take.Units;
            var reserve = Microshares.GetReserve(state, classId, lot.Flags.OriginAsset)
                ?? throw new InvalidDataException($"class {classId} has a lot backed by {lot.Flags.OriginAsset} but no reserve of it");
            reserve.UnitsBurned = (Microshares.Units(reserve.UnitsBurned) + take.Units).ToString();
            if (redeem)
            {
                var redeemed = Microshares.Units(lot.UnitsRedeemed) + take.Units;
                var after = MintMath.ReleasedAfter(Microshares.Units(lot.Flags.OriginAmount), redeemed, Microshares.Units(lot.UnitsMinted));
                var pay = after - Microshares.Units(lot.Released);
                lot.UnitsRedeemed = redeemed.ToString();
                lot.Released = after.ToString();
                reserve.Released = (Microshares.Units(reserve.Released) + pay).ToString();
                var moved = BackingMoves.Move(context, lot.Flags.OriginAsset, reserveAccount, context.Sender, pay);
                if (!moved.IsOk) throw new InvalidOperationException($"class {classId}'s reserve account cannot pay a release: {moved.Log}");
                if (released.Length > 0) released.Append(',');
                released.Append(lot.Flags.OriginAsset).Append(':').Append(pay.ToString());
            }
            else
            {
                lot.UnitsBurned = (Microshares.Units(lot.UnitsBurned) + take.Units).ToString();
            }
            Microshares.PutLot(state, lot);
            Microshares.PutReserve(state, classId, reserve);
        }
        c.UnitsBurned = (Microshares.Units(c.UnitsBurned) + total).ToString();
        Microshares.PutClass(state, c);
        Microshares.PutHolding(state, context.Sender, classId, holding);
        return released.ToString();
    }
}
