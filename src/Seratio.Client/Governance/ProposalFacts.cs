using System.Globalization;
using Seratio.Protocol;
using static Seratio.Client.Governance.GovernanceWords;
using static Seratio.Client.Governance.Shares;

namespace Seratio.Client.Governance;

/// <summary>
/// What a proposal's status, kind and tally rules say in words, by the parameters it was created under: the countdown
/// to its vote's end or its execution, and the quorum, threshold and veto it is judged by (docs/modules/daf.md,
/// "Tally"). Shared by <c>seratio daf show</c> and the portal's proposal page. Integer arithmetic only; pure.
/// </summary>
public static class ProposalFacts
{
    /// <summary>The status and when it moves on: "voting period, tallied after height 40 (in 3 block(s))", "passed at height 39, timelock: executes at height 42 (in 2 block(s))".</summary>
    public static string Status(ProposalState p, ulong head) => p.Status switch
    {
        ProposalStatus.DepositPeriod => $"deposit period, ends after height {Num(p.DepositEndHeight)} ({Left(p.DepositEndHeight, head)})",
        ProposalStatus.VotingPeriod => $"voting period, tallied after height {Num(p.VotingEndHeight)} ({Left(p.VotingEndHeight, head)})"
            + (p.WasExpedited && !p.Expedited ? "; the expedited vote failed and fell back to a normal one" : ""),
        ProposalStatus.Passed => $"passed at height {Num(p.PassedHeight)}, timelock: executes at height {Num(p.ExecuteHeight)} ({Left(p.ExecuteHeight, head)})",
        ProposalStatus.Executed => $"executed at height {Num(p.ExecutedHeight)}",
        ProposalStatus.Failed => $"failed at height {Num(p.ExecutedHeight)}: nothing of it was kept",
        _ => StatusName(p.Status),
    };

    /// <summary>"normal", "expedited", "expedited, fell back to normal", each with ", critical" when it needs the critical threshold.</summary>
    public static string Kind(ProposalState p) =>
        (p.Expedited ? "expedited" : p.WasExpedited ? "expedited, fell back to normal" : "normal") + (p.Critical ? ", critical" : "");

    /// <summary>The rules it is tallied by: quorum, what it takes to pass, the veto, the timelock.</summary>
    public static IEnumerable<(string Label, string Text)> Needs(ProposalState p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var q = p.Params ?? new DafParams();
        yield return ("quorum", $"votes cast ≥ {Bps(q.QuorumBps)} of total weight");
        if (p.Expedited) yield return ("to pass", $"yes ≥ {Bps(q.ExpeditedThresholdBps)} of total weight (expedited; else a normal vote through height {Num(p.VotingStartHeight + q.VotingPeriod - 1)})");
        else if (p.Critical) yield return ("to pass", $"yes ≥ {Bps(q.CriticalThresholdBps)} of total weight (critical)");
        else yield return ("to pass", $"yes > {Bps(q.ThresholdBps)} of yes + no + veto");
        yield return ("veto", $"above {Bps(q.VetoThresholdBps)} of votes cast: vetoed, deposits burned");
        yield return ("timelock", p.Expedited ? "none (expedited)" : $"{Num(q.Timelock)} blocks between passing and execution");
    }

    /// <summary>The weight the tally is a share of: the council's weight snapshotted when the vote opened, else (before) the council's now.</summary>
    public static ulong TallyTotal(ProposalState p, ulong currentTotalWeight) => p.TotalWeight != 0 ? p.TotalWeight : currentTotalWeight;

    /// <summary>Whether the proposal has a tally to show (its vote opened).</summary>
    public static bool HasTally(ProposalState p) => p.Status is not (ProposalStatus.DepositPeriod or ProposalStatus.Lapsed or ProposalStatus.Unspecified);

    /// <summary>"3 (75.00 %)": a weight and its share of the total.</summary>
    public static string Share(ulong weight, ulong total) => $"{Num(weight)} ({Percent(weight, total)})";

    private static string Left(ulong end, ulong head) => end > head ? $"in {Num(end - head)} block(s)" : "due now";

    private static string Num(ulong n) => n.ToString(CultureInfo.InvariantCulture);
}
