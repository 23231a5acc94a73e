using Seratio.Bridges.Relaying;

namespace Seratio.Bridges.Tests.Relaying;

/// <summary>The wait after failed rounds: the poll interval, doubled per failure after the first, capped at MaxBackoff (never below the poll interval).</summary>
public sealed class BackoffTests
{
    [Theory]
    [InlineData(2000, 60000, 1, 2000)]
    [InlineData(2000, 60000, 2, 4000)]
    [InlineData(2000, 60000, 5, 32000)]
    [InlineData(2000, 60000, 6, 60000)]
    [InlineData(2000, 60000, 1000, 60000)]
    [InlineData(200, 1000, 4, 1000)]
    [InlineData(5000, 1000, 3, 5000)] // a cap below the poll interval: the poll interval
    public void TheWait_DoublesPerFailure_UpToTheCap(int pollMs, int capMs, int failures, int expectedMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs),
            AnchorRelayer.Backoff(TimeSpan.FromMilliseconds(pollMs), TimeSpan.FromMilliseconds(capMs), failures));
}
