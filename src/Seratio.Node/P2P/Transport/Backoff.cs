namespace Seratio.Node.P2P.Transport;

/// <summary>
/// Reconnect delays: initial, then doubled after each failure up to the maximum; reset after a
/// connection that got through the handshake. No jitter (the connection tie-break settles
/// simultaneous dials). Not thread safe: one dial loop owns it.
/// </summary>
public sealed class Backoff
{
    private readonly TimeSpan _initial;
    private readonly TimeSpan _max;
    private TimeSpan _next;

    public Backoff(TimeSpan initial, TimeSpan max)
    {
        if (initial <= TimeSpan.Zero || max < initial) throw new ArgumentOutOfRangeException(nameof(initial), "need 0 < initial <= max");
        _initial = initial;
        _max = max;
        _next = initial;
    }

    /// <summary>The delay to wait now; the one after it is twice as long (capped).</summary>
    public TimeSpan Next()
    {
        var delay = _next;
        _next = _next >= _max / 2 ? _max : _next * 2;
        return delay;
    }

    public void Reset() => _next = _initial;
}
