using Seratio.Core.Addressing;
using Seratio.Core.Numerics;
using Seratio.Protocol;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Grants;

/// <summary>
/// One check of an open grant at the end of a height (docs/modules/grants.md, "Schedule"): conviction brought to the
/// height by the closed form against the threshold with S and R as they are then; it passes → r SER move from the
/// treasury to the beneficiary at once (PAID; r &lt; β·R ≤ R, so the treasury never goes negative); past its lifetime →
/// EXPIRED; otherwise its next check is scheduled. Stateless; thread safe.
/// </summary>
internal static class GrantCheck
{
    public static void Run(IStateView view, GrantState grant, ulong height, DafParams p, List<Event> events, AddressText addresses)
    {
        var y = Grants.ConvictionAt(grant, height, p);
        var treasury = Funds.Balance(view, Ser.Symbol, Daf.Daf.Address);
        var totalStaked = Grants.TotalStaked(Grants.Read(view));
        var requested = Grants.Requested(grant);
        if (GrantThreshold.Passes(y, Grants.Staked(grant), requested, treasury, totalStaked, p))
        {
            Funds.Move(view, Ser.Symbol, Daf.Daf.Address, new Address(grant.Beneficiary.Span), requested);
            Close(view, grant, GrantStatus.Paid, y, height);
            events.Add(GrantEvents.Paid(grant, addresses));
        }
        else if (height >= grant.ExpireHeight)
        {
            Close(view, grant, GrantStatus.Expired, y, height);
            events.Add(GrantEvents.Expired(grant));
        }
        else
        {
            GrantSchedule.At(view, grant, GrantSchedule.Next(grant, height, treasury, totalStaked, p));
        }
        Grants.PutGrant(view, grant);
    }

    /// <summary>Closes an open grant at <paramref name="height"/> with its conviction then (the caller writes the grant).</summary>
    public static void Close(IStateView view, GrantState grant, GrantStatus status, System.Numerics.BigInteger y, ulong height)
    {
        if (grant.Status != GrantStatus.Open) throw new InvalidOperationException($"grant {grant.Id} is {grant.Status}, not open; it cannot close again");
        Grants.SetConviction(grant, y, height);
        grant.Status = status;
        grant.ClosedHeight = height;
        grant.NextCheckHeight = 0;
        uint open = Grants.OpenGrants(Grants.Read(view));
        if (open == 0) throw new InvalidOperationException($"grant {grant.Id} is open but the open grant count is 0");
        Grants.SetOpenGrants(view, open - 1);
    }
}
