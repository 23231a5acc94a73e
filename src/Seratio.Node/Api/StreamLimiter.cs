using System.Net;
using Microsoft.Extensions.Options;

namespace Seratio.Node.Api;

/// <summary>Why <see cref="StreamLimiter.TryOpen"/> refused a stream.</summary>
public enum StreamRefusal
{
    None,
    /// <summary>The client already holds <see cref="ApiOptions.MaxStreamsPerClient"/> streams.</summary>
    PerClient,
    /// <summary>The node already serves <see cref="ApiOptions.MaxStreams"/> streams.</summary>
    Total,
}

/// <summary>
/// The node's budget for server streams (StreamBlocks, StreamEvents): how many may be open per client
/// address and in total, and how fast all of them together may replay stored blocks. One instance per
/// node. Invariant: the counts equal the leases not yet disposed, and a client with no open stream has
/// no entry (nothing grows with the number of clients ever seen). Thread safe.
/// </summary>
public sealed class StreamLimiter
{
    private readonly Lock _lock = new();
    private readonly Dictionary<IPAddress, int> _perClient = [];
    private readonly TimeProvider _time;
    private readonly TokenBucket _replayTotal;
    private int _open;

    public StreamLimiter(IOptions<ApiOptions> options, TimeProvider time)
    {
        var o = options.Value;
        MaxStreams = o.MaxStreams;
        MaxStreamsPerClient = o.MaxStreamsPerClient;
        ReplayBlocksPerSecond = o.ReplayBlocksPerSecond;
        _time = time;
        // A total burst of a few batches: enough to start several streams at once, too little to hold the cores.
        _replayTotal = new TokenBucket(o.ReplayBlocksPerSecondTotal, Math.Max(4 * ReplayBatch, o.ReplayBlocksPerSecondTotal / 20.0), time);
    }

    /// <summary>Stored blocks a replay reads between two waits: small, so that no stream holds a thread for long.</summary>
    public const int ReplayBatch = 16;

    public int MaxStreams { get; }
    public int MaxStreamsPerClient { get; }
    public int ReplayBlocksPerSecond { get; }

    /// <summary>Streams open now.</summary>
    public int Open { get { lock (_lock) return _open; } }

    /// <summary>Client addresses with at least one stream open now.</summary>
    public int Clients { get { lock (_lock) return _perClient.Count; } }

    /// <summary>Streams the client at <paramref name="client"/> holds now.</summary>
    public int OpenFor(IPAddress client) { lock (_lock) return _perClient.GetValueOrDefault(Normalise(client)); }

    /// <summary>
    /// A lease on one stream for <paramref name="client"/>, or null and why not. Dispose the lease when the
    /// stream ends, however it ends (disposing twice releases once).
    /// </summary>
    public StreamLease? TryOpen(IPAddress client, out StreamRefusal refusal)
    {
        client = Normalise(client);
        lock (_lock)
        {
            int held = _perClient.GetValueOrDefault(client);
            if (held >= MaxStreamsPerClient) { refusal = StreamRefusal.PerClient; return null; }
            if (_open >= MaxStreams) { refusal = StreamRefusal.Total; return null; }
            _perClient[client] = held + 1;
            _open++;
        }
        refusal = StreamRefusal.None;
        return new StreamLease(this, client, new TokenBucket(ReplayBlocksPerSecond, ReplayBatch, _time));
    }

    internal TimeSpan ReserveReplay(int blocks) => _replayTotal.Reserve(blocks);

    internal TimeProvider Time => _time;

    internal void Release(IPAddress client)
    {
        lock (_lock)
        {
            _open--;
            int held = _perClient[client] - 1;
            if (held == 0) _perClient.Remove(client);
            else _perClient[client] = held;
        }
    }

    // One client is one host: ::ffff:10.0.0.1 and 10.0.0.1 share a budget.
    private static IPAddress Normalise(IPAddress client) => client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client;
}

/// <summary>
/// One open stream's place in the <see cref="StreamLimiter"/> and its replay pace. Used by the one call
/// that opened it; <see cref="Dispose"/> is safe from any thread and releases once.
/// </summary>
public sealed class StreamLease : IDisposable
{
    private readonly StreamLimiter _owner;
    private readonly IPAddress _client;
    private readonly TokenBucket _pace;
    private int _released;

    internal StreamLease(StreamLimiter owner, IPAddress client, TokenBucket pace)
    {
        _owner = owner;
        _client = client;
        _pace = pace;
    }

    /// <summary>
    /// Waits until <paramref name="blocks"/> more stored blocks may be replayed, within this stream's rate and
    /// the node's total; always gives the thread back at least once, so a replay never holds a thread.
    /// </summary>
    public async Task PaceAsync(int blocks, CancellationToken cancellationToken)
    {
        var wait = _pace.Reserve(blocks);
        var total = _owner.ReserveReplay(blocks);
        if (total > wait) wait = total;
        if (wait > TimeSpan.Zero) await Task.Delay(wait, _owner.Time, cancellationToken).ConfigureAwait(false);
        else await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0) _owner.Release(_client);
    }
}
