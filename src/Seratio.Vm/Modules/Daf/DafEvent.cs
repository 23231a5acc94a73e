using System.Globalization;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Daf;

/// <summary>
/// The DAF's events (docs/modules/daf.md, "Events"): "daf.proposal" for a submission and every transition (id, status and
/// what changed), "daf.deposit", "daf.vote", "daf.members", "daf.params" and "daf.authority". Stateless; thread safe.
/// </summary>
internal static class DafEvent
{
    public const string ProposalType = "daf.proposal";
    public const string DepositType = "daf.deposit";
    public const string VoteType = "daf.vote";
    public const string MembersType = "daf.members";
    public const string ParamsType = "daf.params";
    public const string AuthorityType = "daf.authority";

    /// <summary>A proposal's status now, with <paramref name="extra"/> attributes (key, value) after id and status.</summary>
    public static Event Proposal(ProposalState proposal, params (string Key, string Value)[] extra)
    {
        var ev = new Event { Type = ProposalType };
        Add(ev, "id", Num(proposal.Id));
        Add(ev, "status", Status(proposal.Status));
        foreach (var (key, value) in extra) Add(ev, key, value);
        return ev;
    }

    /// <summary>The tally as attributes: yes, no, abstain, veto, total_weight.</summary>
    public static (string, string)[] Tally(ProposalState p) =>
    [
        ("yes", Num(p.Tally.Yes)), ("no", Num(p.Tally.No)), ("abstain", Num(p.Tally.Abstain)), ("veto", Num(p.Tally.Veto)),
        ("total_weight", Num(p.TotalWeight)),
    ];

    public static Event Of(string type, params (string Key, string Value)[] attributes)
    {
        var ev = new Event { Type = type };
        foreach (var (key, value) in attributes) Add(ev, key, value);
        return ev;
    }

    /// <summary>The status as the events and logs write it, e.g. "voting_period".</summary>
    public static string Status(ProposalStatus status) => status switch
    {
        ProposalStatus.DepositPeriod => "deposit_period",
        ProposalStatus.VotingPeriod => "voting_period",
        ProposalStatus.Passed => "passed",
        ProposalStatus.Executed => "executed",
        ProposalStatus.Failed => "failed",
        ProposalStatus.Rejected => "rejected",
        ProposalStatus.Vetoed => "vetoed",
        ProposalStatus.Lapsed => "lapsed",
        _ => "unspecified",
    };

    /// <summary>The option as events write it: yes, no, abstain, veto.</summary>
    public static string Option(VoteOption option) => option switch
    {
        VoteOption.Yes => "yes",
        VoteOption.No => "no",
        VoteOption.Abstain => "abstain",
        VoteOption.Veto => "veto",
        _ => "unspecified",
    };

    public static string Num(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Add(Event ev, string key, string value) => ev.Attributes.Add(new EventAttribute { Key = key, Value = value });
}
