using System.Numerics;
using Seratio.Core.Addressing;
using Seratio.Core.Numerics;
using Seratio.Protocol;
using Seratio.Vm.Modules.Daf;
using Seratio.Vm.Modules.Grants;
using Seratio.Vm.Tests.Support;
using G = Seratio.Vm.Modules.Grants.Grants;

using DafModule = Seratio.Vm.Modules.Daf.Daf;

namespace Seratio.Vm.Tests.Modules.Grants;

/// <summary>
/// The grants module's invariants as functions that return what they find broken (empty = holds), so the property test
/// can check them after every block and <see cref="GrantInvariantCheckTests"/> can show each one catches a broken state.
/// </summary>
public static class GrantInvariants
{
    /// <summary>
    /// Conservation of the staking asset: Σ stakes = the stakes account's balance = S; each grant's x and staker count
    /// are the sums of its stakes; each staker's support count is the number of grants (not the abstain bucket) it stakes on.
    /// </summary>
    public static IEnumerable<string> Stakes(MemoryState state, IReadOnlyList<Address> stakers)
    {
        ulong last = G.LastGrantId(state);
        var sum = Amount.Zero;
        var supports = stakers.ToDictionary(s => s, _ => 0u);
        for (ulong id = 0; id <= last; id++)
        {
            var onGrant = Amount.Zero;
            uint count = 0;
            foreach (var staker in stakers)
            {
                if (G.GetStake(state, id, staker) is not { } stake) continue;
                var amount = G.StakeAmount(stake);
                if (amount.IsZero) yield return $"a stake of 0 is stored for {staker} on grant {id}";
                onGrant += amount;
                count++;
                if (id != 0) supports[staker]++;
            }
            sum += onGrant;
            if (id == 0) continue;
            var grant = G.GetGrant(state, id);
            if (grant is null) { yield return $"grant {id} is counted but missing"; continue; }
            if (G.Staked(grant) != onGrant) yield return $"grant {id} says x = {grant.Staked}, its stakes sum to {onGrant}";
            if (grant.Stakers != count) yield return $"grant {id} says {grant.Stakers} stakers, {count} hold stakes";
        }
        var held = state.Account(G.StakesAddress).Balance;
        if (held != sum) yield return $"the stakes account holds {held} SER, the stakes sum to {sum}";
        if (G.TotalStaked(state) != sum) yield return $"S = {G.TotalStaked(state)}, the stakes sum to {sum}";
        foreach (var (staker, count) in supports)
            if (G.Supports(state, staker) != count) yield return $"{staker} has support count {G.Supports(state, staker)}, stakes on {count} grants";
    }

    /// <summary>The treasury is what it started with, plus what was deposited, minus every grant paid (so never below 0).</summary>
    public static IEnumerable<string> Treasury(MemoryState state, Amount initial, Amount deposited)
    {
        var paid = BigInteger.Zero;
        for (ulong id = 1; id <= G.LastGrantId(state); id++)
            if (G.GetGrant(state, id) is { Status: GrantStatus.Paid } grant) paid += (BigInteger)G.Requested(grant).Value;
        var expected = (BigInteger)initial.Value + deposited.Value - paid;
        if (expected < 0) yield return $"grants paid {paid}, more than the treasury ever held ({initial} + {deposited})";
        else if ((BigInteger)state.Account(DafModule.Address).Balance.Value != expected)
            yield return $"the treasury holds {state.Account(DafModule.Address).Balance}, expected {expected} = {initial} + {deposited} − {paid} paid";
    }

    /// <summary>
    /// Every grant paid at <paramref name="height"/> asked for less than β × the treasury just before its payment (payments
    /// run in ascending id at the end of the block, so that treasury is the one after the block plus the payments from it on).
    /// </summary>
    public static IEnumerable<string> PaidBelowBeta(MemoryState state, ulong height, DafParams p)
    {
        var paidNow = Enumerable.Range(1, (int)G.LastGrantId(state)).Select(i => G.GetGrant(state, (ulong)i)!)
            .Where(g => g.Status == GrantStatus.Paid && g.ClosedHeight == height).OrderByDescending(g => g.Id);
        var treasury = (BigInteger)state.Account(DafModule.Address).Balance.Value;
        foreach (var grant in paidNow)
        {
            var r = (BigInteger)G.Requested(grant).Value;
            treasury += r;
            if (r * 10_000 >= p.GrantMaxRatioBps * treasury) yield return $"grant {grant.Id} was paid {r} of a treasury of {treasury}: at least β of it";
            if (G.Staked(grant).IsZero) yield return $"grant {grant.Id} was paid with nothing staked on it";
        }
    }

    /// <summary>
    /// The schedule: the open count is right; each open grant has one live check after <paramref name="height"/>, at most
    /// its expiry or the longest interval away, and is listed at it; closed grants have none.
    /// </summary>
    public static IEnumerable<string> Schedule(MemoryState state, ulong height)
    {
        uint open = 0;
        for (ulong id = 1; id <= G.LastGrantId(state); id++)
        {
            var grant = G.GetGrant(state, id)!;
            if (grant.Status != GrantStatus.Open)
            {
                if (grant.NextCheckHeight != 0) yield return $"closed grant {id} still has a check at {grant.NextCheckHeight}";
                continue;
            }
            open++;
            ulong next = grant.NextCheckHeight;
            if (next <= height || next > Math.Max(grant.ExpireHeight, height + 1) || next > height + GrantSchedule.MaxCheckInterval)
                yield return $"open grant {id} has its next check at {next}, not in ({height}, min(expiry {grant.ExpireHeight}, +{GrantSchedule.MaxCheckInterval})]";
            var due = GrantSchedule.Due(next);
            if (!due.Read(state, 0, (int)due.Count(state)).Contains(id)) yield return $"open grant {id} is not listed at its check height {next}";
        }
        if (G.OpenGrants(state) != open) yield return $"the open count is {G.OpenGrants(state)}, {open} grants are open";
    }
}
