using Microsoft.Extensions.Logging;

namespace Seratio.Node.Api;

/// <summary>
/// Counts requests whose bytes are not their method's request message and reports them as one Warning
/// per <see cref="Interval"/> at most, saying how many arrived since the last report: anyone can send
/// junk as fast as the port takes it, so each one must not cost a log line, and none costs a stack trace
/// (it is the client's error, not the node's). Thread safe.
/// </summary>
public sealed class UndecodableRequestLog(ILogger<UndecodableRequestLog> logger, TimeProvider time)
{
    /// <summary>The least time between two warnings.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private readonly Lock _lock = new();
    private long _unreported;
    private long _lastReport;
    private bool _reported;
    private long _total;

    /// <summary>Undecodable requests since the node started.</summary>
    public long Total => Interlocked.Read(ref _total);

    /// <summary>Counts one undecodable request to <paramref name="method"/> (a name of this node's, never the client's text).</summary>
    public void Record(string method)
    {
        Interlocked.Increment(ref _total);
        long count;
        lock (_lock)
        {
            _unreported++;
            long now = time.GetTimestamp();
            if (_reported && time.GetElapsedTime(_lastReport, now) < Interval) return;
            count = _unreported;
            _unreported = 0;
            _lastReport = now;
            _reported = true;
        }
        ApiLog.Undecodable(logger, count, method, (int)Interval.TotalSeconds);
    }
}
