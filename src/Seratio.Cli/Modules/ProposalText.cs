using System.Globalization;
using Seratio.Cli.Cli;
using Seratio.Client.Governance;
using Seratio.Protocol;

namespace Seratio.Cli.Modules;

/// <summary>
/// A proposal as <c>seratio daf show</c> prints it: its status with the height it moves on at and the blocks left
/// (the timelock's countdown once passed), its tally as shares of the council's total weight, what the tally needs by
/// the parameters the proposal was created under, and the execution's result; the words come from
/// <see cref="ProposalFacts"/>, which the portal's proposal page shares. Integer arithmetic only. Pure.
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

    private static string Status(ProposalState p, ulong head) => ProposalFacts.Status(p, head);

    private static string Kind(ProposalState p) => ProposalFacts.Kind(p);

    private static IEnumerable<(string, string)> Needs(ProposalState p) => ProposalFacts.Needs(p).Select(n => (n.Label, n.Text));

    private static string Share(ulong weight, ulong total) => ProposalFacts.Share(weight, total);

    private static string Num(ulong n) => n.ToString(CultureInfo.InvariantCulture);
}
