using Microsoft.Extensions.Time.Testing;
using Seratio.Node.P2P;
using Seratio.Node.P2P.Transport;

namespace Seratio.Node.Tests.P2P;

/// <summary>Issue 9, finding 4: a dial loop's back-off wait ends when its peer shows it is up.</summary>
public sealed class DialWakeupsTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Wait_EndsEarly_WhenItsPeerIsWoken_AndOnlyThen()
    {
        var wakeups = new DialWakeups();
        var a = wakeups.DelayAsync(TestPeers.Id("a"), TimeSpan.FromSeconds(10), _time, CancellationToken.None);
        var b = wakeups.DelayAsync(TestPeers.Id("b"), TimeSpan.FromSeconds(10), _time, CancellationToken.None);

        wakeups.Wake(TestPeers.Id("a"));
        Assert.True(await a.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.False(b.IsCompleted);

        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.False(await b.WaitAsync(TimeSpan.FromSeconds(5))); // the back-off ran out: not woken
    }

    [Fact]
    public async Task Wake_WithNobodyWaiting_IsForgotten_AndALoopWithoutAKeyJustWaits()
    {
        var wakeups = new DialWakeups();
        wakeups.Wake(TestPeers.Id("a")); // no loop waits: nothing is remembered for the next wait
        var a = wakeups.DelayAsync(TestPeers.Id("a"), TimeSpan.FromSeconds(1), _time, CancellationToken.None);
        var keyless = wakeups.DelayAsync(null, TimeSpan.FromSeconds(1), _time, CancellationToken.None);
        await Task.Delay(50);
        Assert.False(a.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(await a.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.False(await keyless.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Cancellation_EndsTheWait()
    {
        using var stop = new CancellationTokenSource();
        var wait = new DialWakeups().DelayAsync(TestPeers.Id("a"), TimeSpan.FromSeconds(10), _time, stop.Token);
        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(TimeSpan.FromSeconds(5)));
    }
}
