using Microsoft.Extensions.Time.Testing;
using Seratio.Node.P2P.Connection;

namespace Seratio.Node.Tests.P2P;

public sealed class InboundBudgetTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Frames_BeyondOneSecondsBudget_AreRefused_UntilTimeRefillsIt()
    {
        var budget = new InboundBudget(bytesPerSecond: 1_000_000, framesPerSecond: 10, largestFrame: 100, _time);
        for (int i = 0; i < 10; i++) Assert.True(budget.TryConsume(1));
        Assert.False(budget.TryConsume(1));
        _time.Advance(TimeSpan.FromMilliseconds(100)); // one frame's worth
        Assert.True(budget.TryConsume(1));
        Assert.False(budget.TryConsume(1));
    }

    [Fact]
    public void Bytes_BeyondBudget_AreRefused_ButOneLargestFrameAlwaysFits()
    {
        var budget = new InboundBudget(bytesPerSecond: 1000, framesPerSecond: 1000, largestFrame: 5000, _time);
        Assert.True(budget.TryConsume(5000));
        Assert.False(budget.TryConsume(1));
        _time.Advance(TimeSpan.FromSeconds(10)); // refills to the burst, never beyond
        Assert.True(budget.TryConsume(5000));
        Assert.False(budget.TryConsume(1));
    }
}
