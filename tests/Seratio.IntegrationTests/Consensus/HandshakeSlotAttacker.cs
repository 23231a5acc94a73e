using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using Grpc.Core;
using Grpc.Net.Client;
using Seratio.Protocol;

namespace Seratio.IntegrationTests.Consensus;

/// <summary>
/// Holds the inbound handshake slots of P2P ports (issue 9, finding 4): from each of many loopback source addresses
/// (127.0.0.2 and up: Linux routes all of 127/8 to lo) it keeps <c>holdersPerAddress</c> PeerApi.Connect calls open
/// that never send a Hello, and opens a new one as soon as one ends, so every slot stays taken. One HTTP/2 connection
/// per target and source address. Cleartext h2c, or TLS with any certificate accepted (<c>tls</c>). Counts the calls
/// that got the node's Hello (a slot was theirs) and how many hold one now. Thread safe; dispose stops it.
/// </summary>
public sealed class HandshakeSlotAttacker : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<GrpcChannel> _channels = [];
    private readonly List<Task> _holders = [];
    private readonly ConcurrentDictionary<int, Counter> _byPort = new();

    private sealed class Counter
    {
        public long Admitted;
        public int Holding;
        public int MaxHolding;
    }

    public HandshakeSlotAttacker(IEnumerable<int> p2pPorts, int sourceAddresses, int holdersPerAddress, bool tls = false)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sourceAddresses, 250);
        foreach (int port in p2pPorts)
        {
            var counter = _byPort.GetOrAdd(port, _ => new Counter());
            for (int a = 0; a < sourceAddresses; a++)
            {
                var source = IPAddress.Parse($"127.0.0.{a + 2}");
                var channel = Channel(port, source, tls);
                _channels.Add(channel);
                var client = new PeerApi.PeerApiClient(channel);
                for (int h = 0; h < holdersPerAddress; h++) _holders.Add(Task.Run(() => HoldAsync(client, counter, _stop.Token)));
            }
        }
    }

    /// <summary>Calls to <paramref name="port"/> that got the node's Hello, i.e. took a handshake slot.</summary>
    public long Admitted(int port) => Interlocked.Read(ref _byPort[port].Admitted);

    /// <summary>Calls to <paramref name="port"/> holding a slot now.</summary>
    public int Holding(int port) => Volatile.Read(ref _byPort[port].Holding);

    /// <summary>The most calls to <paramref name="port"/> that held a slot at once since <see cref="ResetMax"/>.</summary>
    public int MaxHolding(int port) => Volatile.Read(ref _byPort[port].MaxHolding);

    public void ResetMax()
    {
        foreach (var counter in _byPort.Values) Volatile.Write(ref counter.MaxHolding, Volatile.Read(ref counter.Holding));
    }

    private static async Task HoldAsync(PeerApi.PeerApiClient client, Counter counter, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            bool holding = false;
            var pause = TimeSpan.Zero; // a slot given back, or a refusal: at once again, so no slot stays free

            try
            {
                using var call = client.Connect(cancellationToken: ct);
                // The node writes its Hello first: once it arrives this call has a slot. Then send nothing and wait
                // for the node to end the call (deadline, eviction).
                if (await call.ResponseStream.MoveNext(ct))
                {
                    holding = true;
                    Interlocked.Increment(ref counter.Admitted);
                    int now = Interlocked.Increment(ref counter.Holding);
                    for (int max = Volatile.Read(ref counter.MaxHolding); now > max; max = Volatile.Read(ref counter.MaxHolding))
                        if (Interlocked.CompareExchange(ref counter.MaxHolding, now, max) == max) break;
                    while (await call.ResponseStream.MoveNext(ct)) { }
                }
            }
            catch (RpcException ex) when (!ct.IsCancellationRequested)
            {
                if (ex.StatusCode == StatusCode.Unavailable) pause = TimeSpan.FromMilliseconds(50); // the node is down
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception) when (!ct.IsCancellationRequested) { pause = TimeSpan.FromMilliseconds(50); }
            finally
            {
                if (holding) Interlocked.Decrement(ref counter.Holding);
            }
            try
            {
                if (pause > TimeSpan.Zero) await Task.Delay(pause, ct);
                else await Task.Yield();
            }
            catch (OperationCanceledException) { return; }
        }
    }

    private static GrpcChannel Channel(int port, IPAddress source, bool tls)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            ConnectTimeout = TimeSpan.FromSeconds(2),
            ConnectCallback = async (context, token) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), token);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        if (tls) handler.SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = static (_, _, _, _) => true };
        return GrpcChannel.ForAddress($"{(tls ? "https" : "http")}://127.0.0.1:{port}", new GrpcChannelOptions { HttpHandler = handler });
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_holders).WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default);
        foreach (var channel in _channels) channel.Dispose();
        _stop.Dispose();
    }
}
