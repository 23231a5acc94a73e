using Seratio.Protocol;
using Seratio.Vm.Execution;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Grants;

/// <summary>
/// The grants' end-of-block step (docs/modules/grants.md): grants due a check at this height are evaluated by the
/// closed form (paid when their conviction reaches the threshold, rescheduled otherwise) and requests past their
/// lifetime expire. The due grants are taken in ascending id whatever order the block's transactions listed them in, so
/// the same stakes in another order reach the same state. Work is O(grants due). Events go to the DAF's end-of-block
/// events of the height. Stateless; thread safe.
/// </summary>
internal static class GrantsEndBlock
{
    public static void Run(IStateView state, BlockContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(context);
        ulong height = context.Height;
        var list = GrantSchedule.Due(height);
        var reader = Grants.Read(state);
        ulong count = list.Count(reader);
        if (count == 0) return;
        var ids = new SortedSet<ulong>(list.Read(reader, 0, checked((int)count)));
        list.Delete(state);
        var p = Daf.Daf.Params(reader);
        var events = new List<Event>();
        var addresses = new AddressText();
        foreach (ulong id in ids)
        {
            var grant = Grants.GetGrant(reader, id) ?? throw new InvalidDataException($"grant {id} is scheduled for a check but is not in state");
            // A stale entry: the grant closed, or a later touch moved its check.
            if (grant.Status != GrantStatus.Open || grant.NextCheckHeight != height) continue;
            GrantCheck.Run(state, grant, height, p, events, addresses);
        }
        Daf.Daf.AppendEndBlockEvents(state, height, events);
    }
}
