using Seratio.Core.Numerics;
using Seratio.Protocol;
using Seratio.Vm.Modules.Exchange;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Grants;

/// <summary>
/// The lazy schedule of grant checks (docs/modules/grants.md, "Schedule"): per height, an append-only list of the grants
/// the end-of-block step looks at then. A grant names its one live check in next_check_height; an entry whose height no
/// longer matches is stale and skipped, so rescheduling never rewrites an old list. The end-of-block step therefore costs
/// O(grants due), never O(grants) or O(stakers). Stateless; thread safe.
/// </summary>
internal static class GrantSchedule
{
    /// <summary>The longest a grant waits between checks, so that a treasury that grew meanwhile is seen within this many blocks.</summary>
    public const ulong MaxCheckInterval = 1_000;

    /// <summary>The grants due at <paramref name="height"/>, in the order they were scheduled (repeats and stale entries included).</summary>
    public static OrderIdList Due(ulong height) => new(GrantKeys.DuePrefix, StateValues.U64(height));

    /// <summary>
    /// Lists a new request at its expiry, its first check. It stays listed there until that height is checked (lists are
    /// append-only), so a later check scheduled at the expiry needs no second entry.
    /// </summary>
    public static void Open(IStateView view, GrantState grant)
    {
        grant.NextCheckHeight = grant.ExpireHeight;
        Due(grant.ExpireHeight).Append(view, grant.Id);
    }

    /// <summary>Sets the grant's live check to <paramref name="height"/> and lists it there unless it already is (the caller writes the grant).</summary>
    public static void At(IStateView view, GrantState grant, ulong height)
    {
        if (grant.NextCheckHeight == height) return;
        grant.NextCheckHeight = height;
        if (height != grant.ExpireHeight) Due(height).Append(view, grant.Id);
    }

    /// <summary>
    /// The height after <paramref name="height"/> of the grant's next check with S and R as they are now: the first height
    /// at which its conviction passes, capped by its expiry and by <see cref="MaxCheckInterval"/>.
    /// </summary>
    public static ulong Next(GrantState grant, ulong height, Amount treasury, Amount totalStaked, DafParams p)
    {
        ulong last = Math.Max(grant.ExpireHeight, height + 1);
        ulong cap = Math.Min(last, height + MaxCheckInterval);
        var y = Grants.ConvictionAt(grant, height, p);
        ulong? step = GrantThreshold.FirstPassingStep(y, Grants.Staked(grant), Grants.Requested(grant), treasury, totalStaked, p, cap - height);
        return step is { } n ? height + n : cap;
    }
}
