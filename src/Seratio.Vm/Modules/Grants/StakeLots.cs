using Seratio.Core.Addressing;
using Seratio.Core.Numerics;
using Seratio.Protocol;
using Seratio.Vm.Modules.Exchange;
using Seratio.Vm.Modules.Microshares;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Grants;

/// <summary>
/// Microshare stakes (staking_asset "ms:&lt;class&gt;"): staking takes the staker's movable lots oldest first (frozen lots
/// are skipped; FROZEN when only frozen ones would make up the amount) out of its holding into the stake's <c>lots</c>
/// (ascending lot id, certificate ids kept, as the exchange locks a sell's lots); unstaking hands the oldest of them back
/// under the same lot ids. Lot records and their association flags are never written. Stateless; thread safe.
/// </summary>
internal static class StakeLots
{
    /// <summary>Moves <paramref name="units"/> of the sender's class <paramref name="classId"/> into <paramref name="stake"/>'s lots; writes nothing on refusal.</summary>
    public static MsgResult Lock(in MsgContext context, ulong classId, Amount units, GrantStake stake)
    {
        var holding = Microshares.Microshares.GetHolding(context.State, context.Sender, classId);
        var check = LotPicker.Pick(context, classId, holding, units, [], out var takes);
        if (!check.IsOk) return check;
        var kept = new MicroshareHolding();
        kept.Lots.Add(stake.Lots);
        foreach (var take in takes)
            if (!HoldingOps.TryAdd(kept, take.LotId, take.CertificateId, take.Units))
                return MsgResult.Fail(ResultCode.LimitExceeded, $"the stake already holds {HoldingOps.MaxLots} lots; unstake some before staking units of other lots");
        LotEscrow.Lock(context.State, context.Sender, classId, takes);
        stake.Lots.Clear();
        stake.Lots.Add(kept.Lots);
        return MsgResult.Ok;
    }

    /// <summary>Returns <paramref name="units"/> of <paramref name="stake"/>'s lots, oldest first, to the staker's holding.</summary>
    public static void Return(IStateView view, GrantStake stake, ulong classId, Amount units)
    {
        var staker = new Address(stake.Staker.Span);
        var holding = Microshares.Microshares.GetHolding(view, staker, classId);
        var left = units;
        while (!left.IsZero)
        {
            if (stake.Lots.Count == 0) throw new InvalidOperationException($"the stake of {staker} on grant {stake.GrantId} holds fewer lot units than its amount");
            var front = stake.Lots[0];
            var have = Microshares.Microshares.Units(front.Units);
            var take = have < left ? have : left;
            // Units coming back to their holder may pass the holding's lot limit, as the exchange's returns may.
            if (!HoldingOps.TryAdd(holding, front.LotId, front.CertificateId, take))
                holding.Lots.Insert(~HoldingOps.IndexOf(holding, front.LotId), new LotUnits { LotId = front.LotId, CertificateId = front.CertificateId, Units = take.ToString() });
            if (take == have) stake.Lots.RemoveAt(0);
            else front.Units = (have - take).ToString();
            left -= take;
        }
        Microshares.Microshares.PutHolding(view, staker, classId, holding);
    }
}
