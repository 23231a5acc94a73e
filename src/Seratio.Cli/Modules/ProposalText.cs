using System.Globalization;
using Seratio.Cli.Cli;
using Seratio.Protocol;
using static Seratio.Cli.Modules.DafValues;

namespace Seratio.Cli.Modules;

/// <summary>
/// A proposal as <c>seratio daf show</c> prints it: its status with the height it moves on at and the blocks left
/// (the timelock's countdown once passed), its tally as shares of the council's total weight, what the tally needs by
/// the parameters the proposal was created under, and the execution's result. Integer arithmetic only. Pure.
/// </summary>
internal static class ProposalText
{
    public static IEnumerable<string> Lines(ProposalState p, ulong head, ulong currentTotalWeight)
    {
        var t = p.Tally ?? new TallyResult();
        ulong total = p.TotalWeight != 0 ? p.TotalWeight : currentTotalWeight;
        ulong voted = t.Yes + t.No + t.Abstain + t.Veto;
        var lines = new List<(string, string)>
        {
            ("proposal", $"{Num(p.Id)} {p.Title}"),
            ("status", Status(p, head)),
            ("proposer", Display.Address(p.Proposer)),
            ("messages", p.Msgs.Count == 0 ? "(none: a signal)" : string.Join(", ", p.Msgs.Select(m => m.KindCase.ToString()))),
            ("kind", Kind(p)),
            ("deposit", $"{Display.Ser(p.TotalDeposit)} of {Display.Ser(p.Params.MinDeposit)} needed, {Num(p.Depositors)} depositor(s)"),
        };
        if (p.MetadataUri.Length > 0) lines.Add(("metadata", p.MetadataUri + (p.MetadataHash.IsEmpty ? "" : $" (sha256 {Display.Hex(p.MetadataHash)})")));
        if (p.Status != ProposalStatus.DepositPeriod && p.Status != ProposalStatus.Lapsed)
        {
            lines.Add(("yes", Share(t.Yes, total)));
            lines.Add(("no", Share(t.No, total)));
            lines.Add(("abstain", Share(t.Abstain, total)));
            lines.Add(("veto", Share(t.Veto, total)));
            lines.Add(("voted", $"{Share(voted, total)} of total weight {Num(total)}"));
        }
        lines.AddRange(Needs(p));
        if (p.Status == ProposalStatus.Failed) lines.Add(("failure", p.Failure));
        if (p.ExecutedHeight != 0) lines.Add(("executed at", Num(p.ExecutedHeight)));
        lines.Add(("height", Num(head)));
        return Printer.Fields([.. lines]);
    }

    /// <summary>The status and when it moves on: "voting period, ends after height 40 (in 3 blocks)", "passed, executes at height 45 (in 2 blocks)".</summary>
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

    private static string Kind(ProposalState p) =>
        (p.Expedited ? "expedited" : p.WasExpedited ? "expedited, fell back to normal" : "normal") + (p.Critical ? ", critical" : "");

    private static IEnumerable<(string, string)> Needs(ProposalState p)
    {
        var q = p.Params;
        yield return ("quorum", $"votes cast ≥ {Bps(q.QuorumBps)} of total weight");
        if (p.Expedited) yield return ("to pass", $"yes ≥ {Bps(q.ExpeditedThresholdBps)} of total weight (expedited; else a normal vote through height {Num(p.VotingStartHeight + q.VotingPeriod - 1)})");
        else if (p.Critical) yield return ("to pass", $"yes ≥ {Bps(q.CriticalThresholdBps)} of total weight (critical)");
        else yield return ("to pass", $"yes > {Bps(q.ThresholdBps)} of yes + no + veto");
        yield return ("veto", $"above {Bps(q.VetoThresholdBps)} of votes cast: vetoed, deposits burned");
        yield return ("timelock", p.Expedited ? "none (expedited)" : $"{Num(q.Timelock)} blocks between passing and execution");
    }

    private static string Share(ulong weight, ulong total) => $"{Num(weight)} ({Percent(weight, total)})";

    private static string Left(ulong end, ulong head) => end > head ? $"in {Num(end - head)} block(s)" : "due now";

    private static string Num(ulong n) => n.ToString(CultureInfo.InvariantCulture);
}
