using System.Net;
using Microsoft.AspNetCore.Connections;

namespace Seratio.Node.Endpoints;

/// <summary>
/// Bounds the connections one listener holds open: in total and per source address. A connection over either bound is
/// closed as soon as it is accepted, before any byte is read, so a flood of idle connections costs the node at most
/// the bound in file descriptors (and each idle one only until <see cref="FirstBytesTimeout"/>) and leaves the rest (consensus, the WAL, RocksDB, the other listeners) what they
/// need. IPv4-mapped IPv6 addresses count as their IPv4 address. Thread safe.
/// </summary>
public sealed class ConnectionGate
{
    private readonly Lock _lock = new();
    private readonly Dictionary<IPAddress, int> _byAddress = [];
    private int _open;
    private long _refused;

    public ConnectionGate(string listener, int maxConnections, int maxPerAddress, TimeSpan? firstBytesTimeout = null)
    {
        FirstBytesTimeout = firstBytesTimeout ?? TimeSpan.FromSeconds(10);
        ArgumentException.ThrowIfNullOrWhiteSpace(listener);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConnections, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPerAddress, 1);
        Listener = listener;
        MaxConnections = maxConnections;
        MaxPerAddress = Math.Min(maxPerAddress, maxConnections);
    }

    /// <summary>The listener's name in logs and metrics ("api", "p2p", "metrics").</summary>
    public string Listener { get; }

    public int MaxConnections { get; }

    /// <summary>A connection that sends nothing for this long after it is accepted is closed (its slot is freed).</summary>
    public TimeSpan FirstBytesTimeout { get; }

    public int MaxPerAddress { get; }

    /// <summary>Connections open now.</summary>
    public int Open { get { lock (_lock) return _open; } }

    /// <summary>Connections closed at once because a bound was reached, since start.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Takes a slot for a connection from <paramref name="address"/> (null: unknown, counted in the total only).</summary>
    public bool TryEnter(IPAddress? address)
    {
        address = Normalize(address);
        lock (_lock)
        {
            int fromAddress = address is not null && _byAddress.TryGetValue(address, out var n) ? n : 0;
            if (_open >= MaxConnections || fromAddress >= MaxPerAddress)
            {
                Interlocked.Increment(ref _refused);
                return false;
            }
            _open++;
            if (address is not null) _byAddress[address] = fromAddress + 1;
            return true;
        }
    }

    /// <summary>Gives back the slot <see cref="TryEnter"/> took.</summary>
    public void Exit(IPAddress? address)
    {
        address = Normalize(address);
        lock (_lock)
        {
            _open--;
            if (address is null || !_byAddress.TryGetValue(address, out var n)) return;
            if (n <= 1) _byAddress.Remove(address);
            else _byAddress[address] = n - 1;
        }
    }

    /// <summary>Kestrel connection middleware: holds a slot for the connection's life, or closes it at once when there is none.</summary>
    public ConnectionDelegate Middleware(ConnectionDelegate next) => async connection =>
    {
        var address = (connection.RemoteEndPoint as IPEndPoint)?.Address;
        if (!TryEnter(address))
        {
            connection.Abort(new ConnectionAbortedException($"{Listener}: connection limit reached"));
            return;
        }
        try
        {
            // A client must start talking: an accepted connection that stays silent (a flood of idle sockets) gives its
            // slot back after FirstBytesTimeout. The bytes are looked at, not taken: the protocol reads them next.
            using (var silent = new CancellationTokenSource(FirstBytesTimeout))
            using (connection.ConnectionClosed.Register(silent.Cancel))
            {
                try
                {
                    var first = await connection.Transport.Input.ReadAsync(silent.Token).ConfigureAwait(false);
                    connection.Transport.Input.AdvanceTo(first.Buffer.Start);
                    if (first.IsCompleted && first.Buffer.IsEmpty) return;
                }
                catch (OperationCanceledException)
                {
                    connection.Abort(new ConnectionAbortedException($"{Listener}: nothing received within {FirstBytesTimeout.TotalSeconds:F0} s"));
                    return;
                }
            }
            await next(connection).ConfigureAwait(false);
        }
        finally { Exit(address); }
    };

    private static IPAddress? Normalize(IPAddress? address) => address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;
}
