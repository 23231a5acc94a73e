using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Seratio.Node.Api;
using Seratio.Node.Mempool;
using Seratio.Node.Tests.Mempool;

namespace Seratio.Node.Tests.Api;

/// <summary>A server call context for calling service methods directly.</summary>
internal sealed class FakeCallContext(CancellationToken cancellationToken = default, string peer = "ipv4:127.0.0.1:1") : ServerCallContext
{
    protected override string MethodCore => "/seratio.v1.NodeApi/Test";
    protected override string HostCore => "localhost";
    protected override string PeerCore => peer;
    protected override DateTime DeadlineCore => DateTime.MaxValue;
    protected override Metadata RequestHeadersCore { get; } = [];
    protected override CancellationToken CancellationTokenCore => cancellationToken;
    protected override Metadata ResponseTrailersCore { get; } = [];
    protected override Status StatusCore { get; set; }
    protected override WriteOptions? WriteOptionsCore { get; set; }
    protected override AuthContext AuthContextCore => new(null, []);
    protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) => throw new NotSupportedException();
    protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
}

/// <summary>Collects streamed messages; calls <see cref="OnWrite"/> after each (tests commit blocks or cancel there).</summary>
internal sealed class CollectingWriter<T> : IServerStreamWriter<T>
{
    public List<T> Items { get; } = [];
    public Action<T>? OnWrite { get; set; }
    public WriteOptions? WriteOptions { get; set; }

    public Task WriteAsync(T message, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return WriteAsync(message);
    }

    public Task WriteAsync(T message)
    {
        lock (Items) Items.Add(message);
        OnWrite?.Invoke(message);
        return Task.CompletedTask;
    }
}

/// <summary>Time that moves only when the test says so.</summary>
internal sealed class ManualTime : TimeProvider
{
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() { lock (_timers) return _now; }

    public int TimerCount { get { lock (_timers) return _timers.Count(t => t.Due is not null); } }

    public void Advance(TimeSpan by)
    {
        List<ManualTimer> due;
        lock (_timers)
        {
            _now += by;
            due = _timers.Where(t => t.Due <= _now).ToList();
            foreach (var t in due) t.Due = null;
        }
        foreach (var t in due) t.Fire();
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        lock (_timers) _timers.Add(timer);
        return timer;
    }

    private sealed class ManualTimer(ManualTime owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset? Due { get; set; }
        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._timers) Due = dueTime == Timeout.InfiniteTimeSpan ? null : owner._now + dueTime;
            return true;
        }

        public void Dispose() { lock (owner._timers) Due = null; }
        public ValueTask DisposeAsync() { Dispose(); return ValueTask.CompletedTask; }
    }
}

/// <summary>A service over a fake chain and a real pool.</summary>
internal sealed class ApiFixture
{
    public ApiFixture(MempoolOptions? mempool = null, ApiOptions? api = null)
    {
        Pools = new PoolFixture(mempool);
        var options = Options.Create(api ?? new ApiOptions());
        Streams = new StreamLimiter(options, Time);
        Service = new NodeApiService(Chain, Pool, options, NodeIdentity.NonValidator, Time, NullLogger<NodeApiService>.Instance,
            lifetime: Lifetime, streams: Streams);
    }

    public StreamLimiter Streams { get; }

    public FakeLifetime Lifetime { get; } = new();

    public PoolFixture Pools { get; }
    public FakeChain Chain => Pools.Chain;
    public TxPool Pool => Pools.Pool;
    public ManualTime Time { get; } = new();
    public NodeApiService Service { get; }
    public FakeCallContext Context { get; } = new();
}

/// <summary>An application lifetime the test stops. Thread safe as CancellationTokenSource is.</summary>
internal sealed class FakeLifetime : Microsoft.Extensions.Hosting.IHostApplicationLifetime
{
    private readonly CancellationTokenSource _started = new(), _stopping = new(), _stopped = new();
    public CancellationToken ApplicationStarted => _started.Token;
    public CancellationToken ApplicationStopping => _stopping.Token;
    public CancellationToken ApplicationStopped => _stopped.Token;
    public void StopApplication() => _stopping.Cancel();
}
