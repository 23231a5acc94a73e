namespace Seratio.Node.Api;

/// <summary>
/// A token bucket that lends: <see cref="Reserve"/> always takes the tokens and says how long the
/// caller must wait before using them, so callers queue in the order they asked and none spins.
/// Invariant: tokens never exceed the burst; a debt is repaid at the rate. Thread safe.
/// </summary>
internal sealed class TokenBucket
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly double _perSecond;
    private readonly double _burst;
    private double _tokens;
    private DateTimeOffset _stamp;

    public TokenBucket(double perSecond, double burst, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(burst);
        _perSecond = perSecond;
        _burst = burst;
        _time = time;
        _tokens = burst;
        _stamp = time.GetUtcNow();
    }

    /// <summary>Takes <paramref name="count"/> tokens; the wait before they may be used (zero when the bucket held them).</summary>
    public TimeSpan Reserve(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            if (now > _stamp) _tokens = Math.Min(_burst, _tokens + (now - _stamp).TotalSeconds * _perSecond);
            _stamp = now;
            _tokens -= count;
            return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _perSecond);
        }
    }
}
