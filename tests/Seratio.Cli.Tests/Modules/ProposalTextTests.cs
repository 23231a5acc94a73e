using Seratio.Cli.Modules;
using Seratio.Protocol;

namespace Seratio.Cli.Tests.Modules;

/// <summary><c>daf show</c>'s text: the status with its countdown, the tally as shares of the total weight, and what the proposal needs by its own parameters.</summary>
public sealed class ProposalTextTests
{
    private static ProposalState Proposal(ProposalStatus status) => new()
    {
        Id = 4,
        Title = "Add a validator",
        Status = status,
        Critical = true,
        Params = new DafParams { MinDeposit = "100000000", QuorumBps = 3340, ThresholdBps = 5000, VetoThresholdBps = 3340, CriticalThresholdBps = 6667, ExpeditedThresholdBps = 6667, VotingPeriod = 10, Timelock = 3 },
        TotalDeposit = "100000000",
        Depositors = 1,
        VotingStartHeight = 30,
        VotingEndHeight = 39,
        TotalWeight = 3,
        Tally = new TallyResult { Yes = 2, No = 1 },
        PassedHeight = 39,
        ExecuteHeight = 42,
        Msgs = { new Msg { SetValidator = new MsgSetValidator { Power = 10 } } },
    };

    private static string Text(ProposalState p, ulong head) => string.Join("\n", ProposalText.Lines(p, head, currentTotalWeight: 99));

    [Fact]
    public void APassedProposal_CountsDownItsTimelock_AndShowsItsTallyAsSharesOfTheWeightWhenVotingStarted()
    {
        var text = Text(Proposal(ProposalStatus.Passed), head: 40);
        Assert.Contains("passed at height 39, timelock: executes at height 42 (in 2 block(s))", text);
        Assert.Contains("yes:      2 (66.66 %)", text);
        Assert.Contains("no:       1 (33.33 %)", text);
        Assert.Contains("voted:    3 (100.00 %) of total weight 3", text); // the snapshot, not today's 99
        Assert.Contains("yes ≥ 66.67 % of total weight (critical)", text);
        Assert.Contains("kind:     normal, critical", text);
    }

    [Fact]
    public void AnExpeditedVoteThatFellBack_SaysSo_AndAVoteDueNowSaysDueNow()
    {
        var p = Proposal(ProposalStatus.VotingPeriod);
        p.WasExpedited = true;
        p.Critical = false;
        var text = Text(p, head: 39);
        Assert.Contains("tallied after height 39 (due now); the expedited vote failed and fell back to a normal one", text);
        Assert.Contains("yes > 50.00 % of yes + no + veto", text);

        p.Expedited = true;
        Assert.Contains("expedited; else a normal vote through height 39", Text(p, 35));
    }

    [Fact]
    public void ADepositPeriodProposal_ShowsNoTally_AndAFailedOneItsFailure()
    {
        var deposit = Proposal(ProposalStatus.DepositPeriod);
        deposit.DepositEndHeight = 50;
        var text = Text(deposit, 45);
        Assert.Contains("deposit period, ends after height 50 (in 5 block(s))", text);
        Assert.DoesNotContain("yes:", text);

        var failed = Proposal(ProposalStatus.Failed);
        failed.ExecutedHeight = 42;
        failed.Failure = "message 0 (set-validator): power change too large";
        var failedText = Text(failed, 50);
        Assert.Contains("failed at height 42: nothing of it was kept", failedText);
        Assert.Contains("message 0 (set-validator): power change too large", failedText);
    }
}
