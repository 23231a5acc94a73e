namespace Seratio.Portal.Api.Live;

/// <summary>Bounds and pacing of the live streams (/api/stream/…; docs/portal.md, "Explorer", "Limits"). Immutable.</summary>
public sealed record LiveOptions
{
    /// <summary>Browsers following one stream at once; one more gets 503 until one leaves.</summary>
    public int MaxBrowsersPerStream { get; init; } = 64;

    /// <summary>How long a stream may stay silent before the portal sends a comment, so proxies keep it open.</summary>
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The first wait before reopening a dropped upstream; doubles on each failure up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the one consensus reader asks the node for the round (the node has no consensus stream).</summary>
    public TimeSpan ConsensusPoll { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Events queued for one slow browser; beyond it the oldest are dropped (a live view wants the newest).</summary>
    public int BrowserQueue { get; init; } = 32;
}
