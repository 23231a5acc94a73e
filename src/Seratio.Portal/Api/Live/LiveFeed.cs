using System.Text.Json;
using System.Threading.Channels;

namespace Seratio.Portal.Api.Live;

/// <summary>
/// One kind of live view (blocks, or the consensus round) fanned out to every browser that follows it: ONE upstream
/// reader of the node, started when the first browser comes and stopped when the last leaves, however many browsers
/// there are; at most <see cref="LiveOptions.MaxBrowsersPerStream"/> browsers. A dropped upstream is reported to the
/// browsers (an "upstream" event) and reopened after a growing delay. Each browser gets the latest events on joining,
/// then every event, through its own small queue (the oldest dropped when it reads too slowly). Thread safe.
/// </summary>
internal sealed class LiveFeed : IDisposable
{
    /// <summary>Reads the node and publishes what it reads until it fails, ends, or the token stops it.</summary>
    public delegate Task Upstream(Action<LiveEvent> publish, CancellationToken ct);

    private readonly object _gate = new();
    private readonly List<Channel<LiveEvent>> _browsers = [];
    private readonly Upstream _upstream;
    private readonly LiveOptions _options;
    private readonly TimeProvider _time;
    private CancellationTokenSource? _running;
    private readonly Queue<LiveEvent> _recent = new();
    private readonly int _replay;
    private bool _disposed;
    private int _upstreamOpens;

    /// <param name="replay">How many of the latest events a joining browser gets at once (blocks: the front page's ten,
    /// so a block committed between the page's rendering and its stream is not missed; the round: the latest).</param>
    public LiveFeed(string name, Upstream upstream, LiveOptions options, TimeProvider time, int replay = 1)
    {
        _replay = replay;
        Name = name;
        _upstream = upstream;
        _options = options;
        _time = time;
    }

    public string Name { get; }
    public int MaxBrowsers => _options.MaxBrowsersPerStream;
    public int Browsers { get { lock (_gate) return _browsers.Count; } }

    /// <summary>How many times the upstream was opened (once per run of browsers, plus once per reconnect).</summary>
    public int UpstreamOpens => Volatile.Read(ref _upstreamOpens);

    /// <summary>A place for one more browser, or null when <see cref="MaxBrowsers"/> follow already.</summary>
    public Subscription? TryJoin()
    {
        var queue = Channel.CreateBounded<LiveEvent>(new BoundedChannelOptions(_options.BrowserQueue)
        {
            FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = false,
        });
        lock (_gate)
        {
            if (_disposed || _browsers.Count >= _options.MaxBrowsersPerStream) return null;
            _browsers.Add(queue);
            foreach (var e in _recent) queue.Writer.TryWrite(e);
            if (_running is null)
            {
                _running = new CancellationTokenSource();
                var token = _running.Token;
                _ = Task.Run(() => PumpAsync(token), CancellationToken.None);
            }
        }
        return new Subscription(this, queue);
    }

    private void Leave(Channel<LiveEvent> queue)
    {
        CancellationTokenSource? stop = null;
        lock (_gate)
        {
            if (!_browsers.Remove(queue)) return;
            queue.Writer.TryComplete();
            if (_browsers.Count == 0) { stop = _running; _running = null; _recent.Clear(); }
        }
        stop?.Cancel();
        stop?.Dispose();
    }

    private void Publish(LiveEvent e)
    {
        lock (_gate)
        {
            if (e.Name != "upstream")
            {
                _recent.Enqueue(e);
                while (_recent.Count > _replay) _recent.Dequeue();
            }
            foreach (var b in _browsers) b.Writer.TryWrite(e);
        }
    }

    private async Task PumpAsync(CancellationToken ct)
    {
        var delay = _options.ReconnectDelay;
        bool failed = false;
        while (!ct.IsCancellationRequested)
        {
            bool received = false;
            Interlocked.Increment(ref _upstreamOpens);
            string why;
            try
            {
                await _upstream(e =>
                {
                    if (!received)
                    {
                        received = true;
                        delay = _options.ReconnectDelay;
                        if (failed) { failed = false; Publish(Status("live", "reading the node again")); }
                    }
                    Publish(e);
                }, ct).ConfigureAwait(false);
                why = "the node ended the stream";
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is Grpc.Core.RpcException or HttpRequestException or IOException or InvalidOperationException or TimeoutException)
            {
                if (ct.IsCancellationRequested) return; // a cancelled gRPC call throws RpcException(Cancelled), not OperationCanceledException
                why = e is Grpc.Core.RpcException rpc ? $"{rpc.StatusCode}: {rpc.Status.Detail}" : e.Message;
            }
            failed = true;
            Publish(Status("reconnecting", $"lost the node's stream ({why}); retrying in {delay.TotalSeconds:0.#} s"));
            try
            {
                await Task.Delay(delay, _time, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxReconnectDelay.Ticks));
        }
    }

    private static LiveEvent Status(string state, string detail) =>
        new("upstream", JsonSerializer.Serialize(new Dictionary<string, string> { ["state"] = state, ["detail"] = detail }));

    public void Dispose()
    {
        List<Channel<LiveEvent>> browsers;
        CancellationTokenSource? stop;
        lock (_gate)
        {
            _disposed = true;
            browsers = [.. _browsers];
            _browsers.Clear();
            stop = _running;
            _running = null;
        }
        foreach (var b in browsers) b.Writer.TryComplete();
        stop?.Cancel();
        stop?.Dispose();
    }

    /// <summary>One browser's place in the feed; disposing it leaves.</summary>
    public sealed class Subscription(LiveFeed feed, Channel<LiveEvent> queue) : IDisposable
    {
        public ChannelReader<LiveEvent> Events => queue.Reader;
        public void Dispose() => feed.Leave(queue);
    }
}
