using Seratio.Protocol;

namespace Seratio.Client.Governance;

/// <summary>The words the CLI and the portal use for vote options and proposal and grant statuses. Pure; thread safe.</summary>
public static class GovernanceWords
{
    public static string OptionName(VoteOption option) => option switch
    {
        VoteOption.Yes => "yes",
        VoteOption.No => "no",
        VoteOption.Abstain => "abstain",
        VoteOption.Veto => "veto",
        _ => "-",
    };

    public static string StatusName(ProposalStatus status) => status switch
    {
        ProposalStatus.DepositPeriod => "deposit period",
        ProposalStatus.VotingPeriod => "voting period",
        ProposalStatus.Passed => "passed",
        ProposalStatus.Executed => "executed",
        ProposalStatus.Failed => "failed",
        ProposalStatus.Rejected => "rejected",
        ProposalStatus.Vetoed => "vetoed",
        ProposalStatus.Lapsed => "lapsed",
        _ => "-",
    };

    public static string GrantStatusName(GrantStatus status) => status switch
    {
        GrantStatus.Open => "open",
        GrantStatus.Paid => "paid",
        GrantStatus.Withdrawn => "withdrawn",
        GrantStatus.Expired => "expired",
        _ => "-",
    };
}
