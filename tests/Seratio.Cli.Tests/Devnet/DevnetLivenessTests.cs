using Seratio.Cli.Devnet;
using Seratio.Core.Chain;

namespace Seratio.Cli.Tests.Devnet;

public sealed class DevnetLivenessTests
{
    private static DevnetLiveness Of(params ulong[] powers) =>
        new([.. powers.Select((p, i) => new GenesisValidator { Name = $"validator-{i}", PublicKey = "", Power = p })]);

    [Fact]
    public void Exited_OneOfFourEqual_SaysTheOthersGoOn()
    {
        var liveness = Of(10, 10, 10, 10);

        var text = liveness.Exited(3, 137);

        Assert.Equal("validator-3 exited with code 137; the validators up hold 30 of 40 voting power, more than 2/3, so the others go on committing", text);
        Assert.True(liveness.Commits);
        Assert.True(liveness.IsDown(3));
    }

    [Fact]
    public void Exited_SecondOfFourEqual_SaysTheChainStopped_AndHowManyMustComeBack()
    {
        var liveness = Of(10, 10, 10, 10);
        liveness.Exited(3, 137);

        var text = liveness.Exited(2, 137);

        Assert.Equal("validator-2 exited with code 137; the validators up hold 20 of 40 voting power, not more than 2/3: the chain has stopped " +
            "committing (nothing diverges) until enough validators come back; start 1 of validator-2, validator-3 again", text);
        Assert.DoesNotContain("go on", text);
        Assert.False(liveness.Commits);
    }

    [Theory]
    // Exactly 2/3 is not a quorum: 2 of 3 equal validators up hold 20 of 30.
    [InlineData(new ulong[] { 10, 10, 10 }, new[] { 2 }, false)]
    [InlineData(new ulong[] { 10, 10, 10, 10 }, new[] { 0 }, true)]
    [InlineData(new ulong[] { 10, 10, 10, 10 }, new[] { 0, 1 }, false)]
    // A heavy validator alone decides: 70 of 100 up is more than 2/3, 30 of 100 is not.
    [InlineData(new ulong[] { 70, 10, 10, 10 }, new[] { 1, 2, 3 }, true)]
    [InlineData(new ulong[] { 70, 10, 10, 10 }, new[] { 0 }, false)]
    [InlineData(new ulong[] { 10, 10, 10, 10, 10, 10, 10 }, new[] { 0, 1 }, true)]
    [InlineData(new ulong[] { 10, 10, 10, 10, 10, 10, 10 }, new[] { 0, 1, 2 }, false)]
    public void Commits_OnlyWithMoreThanTwoThirdsOfThePowerUp(ulong[] powers, int[] down, bool commits)
    {
        var liveness = Of(powers);
        string last = "";
        foreach (int i in down) last = liveness.Exited(i, 1);

        Assert.Equal(commits, liveness.Commits);
        Assert.Equal(commits, last.Contains("go on committing", StringComparison.Ordinal));
        Assert.Equal(!commits, last.Contains("the chain has stopped committing", StringComparison.Ordinal));
    }

    [Fact]
    public void Exited_NamesTheFewestThatRestoreTheQuorum_HeaviestFirst()
    {
        // 7 validators of 10 with three down hold 40 of 70; one more (50 of 70) is more than 2/3.
        var liveness = Of(10, 10, 10, 10, 10, 10, 10);
        liveness.Exited(4, 1);
        liveness.Exited(5, 1);

        Assert.EndsWith("start 1 of validator-4, validator-5, validator-6 again", liveness.Exited(6, 1));

        // 4 equal validators with three down: two must come back.
        var four = Of(10, 10, 10, 10);
        four.Exited(1, 1);
        four.Exited(2, 1);
        Assert.EndsWith("start 2 of validator-1, validator-2, validator-3 again", four.Exited(3, 1));
    }

    [Fact]
    public void Answered_ByAValidatorDown_ReportsItBackOnce_AndWhenTheChainCommitsAgain()
    {
        var liveness = Of(10, 10, 10, 10);
        liveness.Exited(3, 137);
        liveness.Exited(2, 137);

        Assert.Null(liveness.Answered(0, 7)); // never down: nothing to report
        Assert.Equal("[validator-3] back (height 7, not started by devnet); validators holding more than 2/3 of the voting power are up again: the chain commits again",
            liveness.Answered(3, 7));
        Assert.Null(liveness.Answered(3, 8)); // reported once
        Assert.True(liveness.Commits);
        Assert.Equal("[validator-2] back (height 9, not started by devnet)", liveness.Answered(2, 9));
    }

    [Fact]
    public void Answered_WhileStillShortOfAQuorum_SaysTheChainStillWaits()
    {
        var liveness = Of(10, 10, 10, 10);
        liveness.Exited(1, 1);
        liveness.Exited(2, 1);
        liveness.Exited(3, 1);

        var text = liveness.Answered(3, 5);

        Assert.StartsWith("[validator-3] back (height 5, not started by devnet); the validators up hold 20 of 40 voting power, not more than 2/3", text);
        Assert.EndsWith("start 1 of validator-1, validator-2 again", text);
    }

    [Fact]
    public void StoppedAnswering_OnlyForAValidatorThatCameBackByHand()
    {
        var liveness = Of(10, 10, 10, 10);
        // A child that just exited is reported by Exited (with its code), not as "stopped answering".
        Assert.Null(liveness.StoppedAnswering(3));
        liveness.Exited(3, 137);
        liveness.Answered(3, 4);

        Assert.Equal("[validator-3] stopped answering; the validators up hold 30 of 40 voting power, more than 2/3, so the others go on committing",
            liveness.StoppedAnswering(3));
        Assert.Null(liveness.StoppedAnswering(3));
        Assert.True(liveness.IsDown(3));
    }
}
