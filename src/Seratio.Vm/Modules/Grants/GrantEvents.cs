using System.Globalization;
using Seratio.Core.Addressing;
using Seratio.Core.Numerics;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Grants;

/// <summary>
/// The grants' events (docs/modules/grants.md, "Events"): "grant.request", "grant.stake", "grant.unstake", "grant.paid",
/// "grant.expired", "grant.withdrawn", each with the grant's id and what changed. Pure; thread safe.
/// </summary>
internal static class GrantEvents
{
    public static Event Request(GrantState grant, AddressText addresses) => New("grant.request", grant.Id,
        ("requester", addresses.Of(new Address(grant.Requester.Span))),
        ("beneficiary", addresses.Of(new Address(grant.Beneficiary.Span))),
        ("amount", grant.Amount),
        ("expire_height", Text(grant.ExpireHeight)));

    public static Event Stake(string type, ulong grantId, Address staker, Amount amount, string asset, Amount stake, AddressText addresses) => New(type, grantId,
        ("staker", addresses.Of(staker)), ("amount", amount.ToString()), ("asset", asset), ("stake", stake.ToString()));

    public static Event Paid(GrantState grant, AddressText addresses) => New("grant.paid", grant.Id,
        ("beneficiary", addresses.Of(new Address(grant.Beneficiary.Span))), ("amount", grant.Amount), ("conviction", grant.Conviction));

    public static Event Expired(GrantState grant) => New("grant.expired", grant.Id, ("conviction", grant.Conviction));

    public static Event Withdrawn(GrantState grant) => New("grant.withdrawn", grant.Id);

    private static Event New(string type, ulong id, params (string Key, string Value)[] attributes)
    {
        var ev = new Event { Type = type };
        ev.Attributes.Add(new EventAttribute { Key = "id", Value = Text(id) });
        foreach (var (key, value) in attributes) ev.Attributes.Add(new EventAttribute { Key = key, Value = value });
        return ev;
    }

    private static string Text(ulong value) => value.ToString(CultureInfo.InvariantCulture);
}
