using Google.Protobuf;
using Seratio.Client.Governance;
using Seratio.Protocol;

namespace Seratio.Portal.Tests.Client;

/// <summary>The words the CLI and the portal share for tallies and the decoded messages of proposals.</summary>
public sealed class GovernanceTextTests
{
    [Theory]
    [InlineData(0UL, 0UL, "-")]
    [InlineData(1UL, 3UL, "33.33 %")]
    [InlineData(3UL, 4UL, "75.00 %")]
    [InlineData(ulong.MaxValue, ulong.MaxValue, "100.00 %")]
    public void Percent_IsIntegerArithmetic_RoundedDown(ulong part, ulong total, string expected) => Assert.Equal(expected, Shares.Percent(part, total));

    [Fact]
    public void Bps_AndHundredths()
    {
        Assert.Equal("33.40 %", Shares.Bps(3340));
        Assert.Equal(7500UL, Shares.Hundredths(3, 4));
        Assert.Equal(0UL, Shares.Hundredths(3, 0));
    }

    [Fact]
    public void ProposalFacts_JudgeByTheProposalsOwnParameters()
    {
        var p = new ProposalState
        {
            Status = ProposalStatus.VotingPeriod, VotingEndHeight = 40, Critical = true,
            Params = new DafParams { QuorumBps = 3340, CriticalThresholdBps = 7000, VetoThresholdBps = 3340, Timelock = 3 },
        };
        Assert.Equal("voting period, tallied after height 40 (in 3 block(s))", ProposalFacts.Status(p, 37));
        Assert.Equal("normal, critical", ProposalFacts.Kind(p));
        Assert.Contains(("to pass", "yes ≥ 70.00 % of total weight (critical)"), ProposalFacts.Needs(p));
        Assert.True(ProposalFacts.HasTally(p));
        Assert.Equal(9UL, ProposalFacts.TallyTotal(p, 9));
    }
}
