using Seratio.Core.Addressing;
using Seratio.Core.Numerics;
using Seratio.Protocol;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Grants;

/// <summary>
/// The bookkeeping stakes and unstakes share (docs/modules/grants.md, "Staking"): the staking asset, S and a staker's
/// support count, and the lazy touch of a grant, O(1) whatever the number of stakers: its conviction is brought to the
/// height by the closed form, then its stake x changes, and it is scheduled for a check at the end of this height (with
/// S and R as the whole block leaves them, so the order of the block's transactions does not matter). Stateless; thread safe.
/// </summary>
internal static class GrantStaking
{
    /// <summary>The asset stakes lock now: <c>staking_asset</c>, SER when unset.</summary>
    public static string Asset(DafParams p) => p.StakingAsset.Length == 0 ? Ser.Symbol : p.StakingAsset;

    /// <summary>Adds <paramref name="add"/> units to S and takes <paramref name="remove"/> from it; S below 0 is a broken invariant.</summary>
    public static void AddTotal(IStateView view, Amount add, Amount remove)
    {
        var total = Grants.TotalStaked(Grants.Read(view));
        if (total + add < remove) throw new InvalidOperationException($"S ({total}) would fall below 0 removing {remove}");
        Grants.SetTotalStaked(view, total + add - remove);
    }

    /// <summary>Adds <paramref name="delta"/> (+1 or −1) to the staker's support count.</summary>
    public static void AddSupport(IStateView view, Address staker, int delta)
    {
        long next = (long)Grants.Supports(Grants.Read(view), staker) + delta;
        if (next < 0) throw new InvalidOperationException($"the support count of {staker} would fall below 0");
        Grants.SetSupports(view, staker, (uint)next);
    }

    /// <summary>Sets the grant's stake to <paramref name="staked"/>; an open grant's conviction is first brought to the height and a check scheduled.</summary>
    public static void Restake(IStateView view, GrantState grant, Amount staked, ulong height, DafParams p)
    {
        if (grant.Status == GrantStatus.Open)
        {
            Grants.SetConviction(grant, Grants.ConvictionAt(grant, height, p), height);
            GrantSchedule.At(view, grant, height);
        }
        grant.Staked = staked.ToString();
        Grants.PutGrant(view, grant);
    }
}
