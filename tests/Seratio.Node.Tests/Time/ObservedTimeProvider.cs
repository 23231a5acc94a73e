using Microsoft.Extensions.Time.Testing;

namespace Seratio.Node.Tests.Time;

/// <summary>
/// The library's <see cref="FakeTimeProvider"/> (time moves only when the test advances it; due timers fire inside
/// <see cref="FakeTimeProvider.Advance"/>) that also tells which timers are armed, so a test can wait until the code
/// under test has scheduled what it should before moving time. Thread safe.
/// </summary>
internal sealed class ObservedTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Lock _lock = new();
    private readonly List<ObservedTimer> _timers = [];

    /// <summary>Timers that will fire when time advances far enough (created or changed with a due time, not yet fired once-only, not disposed).</summary>
    public int ActiveTimers { get { lock (_lock) return _timers.Count(t => t.Armed); } }

    /// <summary>Armed once-only timers created with exactly <paramref name="dueTime"/>.</summary>
    public int Armed(TimeSpan dueTime) { lock (_lock) return _timers.Count(t => t.Armed && t.Period is null && t.Due == dueTime); }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new ObservedTimer(this);
        lock (_lock) _timers.Add(timer);
        timer.Arm(dueTime, period);
        timer.Inner = base.CreateTimer(s => { timer.OnFired(); callback(s); }, state, dueTime, period);
        return timer;
    }

    private sealed class ObservedTimer(ObservedTimeProvider owner) : ITimer
    {
        public ITimer? Inner { get; set; }
        public TimeSpan Due { get; private set; }
        public TimeSpan? Period { get; private set; }
        public bool Armed { get; private set; }

        public void Arm(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._lock)
            {
                Due = dueTime;
                Period = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? null : period;
                Armed = dueTime != Timeout.InfiniteTimeSpan;
            }
        }

        public void OnFired()
        {
            lock (owner._lock) if (Period is null) Armed = false;
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Arm(dueTime, period);
            return Inner!.Change(dueTime, period);
        }

        public void Dispose()
        {
            lock (owner._lock)
            {
                Armed = false;
                owner._timers.Remove(this);
            }
            Inner?.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
