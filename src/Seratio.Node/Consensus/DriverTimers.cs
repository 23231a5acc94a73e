namespace Seratio.Node.Consensus;

/// <summary>
/// The driver's one-shot timers (step timeouts, the commit wait, idle polls): each posts its input to the loop when
/// it fires. Timers of passed heights are of no use, so past 64 the oldest are disposed, leaving the 16 newest. Not
/// thread safe: the driver's loop owns it.
/// </summary>
internal sealed class DriverTimers(TimeProvider time) : IDisposable
{
    private readonly List<ITimer> _timers = [];

    /// <summary>Calls <paramref name="fire"/> once, after <paramref name="delayMs"/> (0 when negative).</summary>
    public void After(long delayMs, Action fire)
    {
        _timers.Add(time.CreateTimer(_ => fire(), null, TimeSpan.FromMilliseconds(Math.Max(0, delayMs)), Timeout.InfiniteTimeSpan));
        if (_timers.Count < 64) return;
        int drop = _timers.Count - 16;
        for (int i = 0; i < drop; i++) _timers[i].Dispose();
        _timers.RemoveRange(0, drop);
    }

    public void Dispose()
    {
        foreach (var timer in _timers) timer.Dispose();
        _timers.Clear();
    }
}
