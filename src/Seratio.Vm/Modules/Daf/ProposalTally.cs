using Seratio.Protocol;

namespace Seratio.Vm.Modules.Daf;

/// <summary>What the end of a vote decides. A plain value.</summary>
internal enum TallyOutcome
{
    Passed,
    Rejected,
    Vetoed,
    /// <summary>An expedited vote fell short: the proposal goes on as a normal vote, votes kept.</summary>
    Fallback,
}

/// <summary>
/// The tally (docs/modules/daf.md, "Tally"), with the proposal's OWN parameters, in exact integers (shares in basis
/// points, products in 128 bits). voted = yes + no + abstain + veto; W = the council weight when the vote opened.
/// Expedited: yes × 10⁴ ≥ t × W with t = expedited_threshold_bps (and critical_threshold_bps too when critical), and
/// not vetoed, passes; anything else falls back. Normal: W = 0 or voted × 10⁴ &lt; quorum_bps × W → rejected;
/// veto × 10⁴ &gt; veto_threshold_bps × voted → vetoed; critical: yes × 10⁴ ≥ critical_threshold_bps × W passes;
/// otherwise yes × 10⁴ &gt; threshold_bps × (yes + no + veto) passes; else rejected. Pure; thread safe.
/// </summary>
internal static class ProposalTally
{
    public static TallyOutcome Decide(ProposalState proposal)
    {
        var p = proposal.Params;
        var t = proposal.Tally ?? new TallyResult();
        UInt128 yes = t.Yes, no = t.No, abstain = t.Abstain, veto = t.Veto, total = proposal.TotalWeight;
        UInt128 voted = yes + no + abstain + veto;
        const uint bps = DafRules.Bps;
        bool vetoed = veto * bps > (UInt128)p.VetoThresholdBps * voted;
        if (proposal.Expedited)
        {
            uint needed = proposal.Critical ? Math.Max(p.ExpeditedThresholdBps, p.CriticalThresholdBps) : p.ExpeditedThresholdBps;
            return total > 0 && yes * bps >= (UInt128)needed * total && !vetoed ? TallyOutcome.Passed : TallyOutcome.Fallback;
        }
        if (total == 0 || voted * bps < (UInt128)p.QuorumBps * total) return TallyOutcome.Rejected;
        if (vetoed) return TallyOutcome.Vetoed;
        if (proposal.Critical) return yes * bps >= (UInt128)p.CriticalThresholdBps * total ? TallyOutcome.Passed : TallyOutcome.Rejected;
        return yes * bps > (UInt128)p.ThresholdBps * (yes + no + veto) ? TallyOutcome.Passed : TallyOutcome.Rejected;
    }
}
