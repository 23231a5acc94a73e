using Seratio.Consensus.Engine;
using Seratio.Consensus.Votes;

namespace Seratio.Consensus.Tests.Engine;

public class TimeoutOptionsTests
{
    [Theory]
    [InlineData(VoteStep.Propose, 0u, 1000L)]
    [InlineData(VoteStep.Propose, 3u, 1300L)]
    [InlineData(VoteStep.Prevote, 2u, 600L)]
    [InlineData(VoteStep.Precommit, 10u, 1000L)]
    [InlineData(VoteStep.Propose, 40u, 5000L)]         // 1000 + 4000 reaches the cap exactly
    [InlineData(VoteStep.Propose, 41u, 5000L)]         // capped
    [InlineData(VoteStep.Prevote, uint.MaxValue, 5000L)] // no overflow
    public void Duration_GrowsPerRound_AndIsCapped(VoteStep step, uint round, long expected) =>
        Assert.Equal(expected, EngineHarness.Timeouts.DurationMs(step, round));

    [Fact]
    public void Duration_NeverDecreasesWithTheRound()
    {
        var t = new TimeoutOptions();
        for (uint r = 0; r < 200; r++)
            foreach (var step in new[] { VoteStep.Propose, VoteStep.Prevote, VoteStep.Precommit })
                Assert.True(t.DurationMs(step, r + 1) >= t.DurationMs(step, r));
    }

    [Fact]
    public void Validate_RefusesACapBelowABaseTimeout()
    {
        Assert.Null(new TimeoutOptions().Validate());
        Assert.NotNull(new TimeoutOptions { MaxMs = 500 }.Validate());
        Assert.NotNull(new TimeoutOptions { PrevoteDeltaMs = -1 }.Validate());
        Assert.Throws<ArgumentException>(() => new ConsensusEngine("c", new TimeoutOptions { ProposeMs = 0 }, null!, null!));
    }
}
