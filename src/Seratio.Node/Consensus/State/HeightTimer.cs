namespace Seratio.Node.Consensus.State;

/// <summary>
/// When the current height started, on the monotonic clock (for commit latency) and as wall-clock
/// unix milliseconds (for display only; never for state). Not thread safe: one loop owns it.
/// </summary>
public sealed class HeightTimer(TimeProvider time)
{
    private readonly TimeProvider _time = time ?? throw new ArgumentNullException(nameof(time));
    private long _startedAt;

    /// <summary>The height last observed; 0 = none yet.</summary>
    public ulong Height { get; private set; }

    /// <summary>Wall-clock start of <see cref="Height"/> in unix milliseconds; 0 = none yet.</summary>
    public long StartedUnixMs { get; private set; }

    /// <summary>Time since <see cref="Height"/> started.</summary>
    public TimeSpan Elapsed => Height == 0 ? TimeSpan.Zero : _time.GetElapsedTime(_startedAt);

    /// <summary>Notes that work is on <paramref name="height"/>; restarts the clock when it differs from the last one.</summary>
    public void Observe(ulong height)
    {
        if (height == Height) return;
        Height = height;
        _startedAt = _time.GetTimestamp();
        StartedUnixMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
    }
}
