using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Seratio.Node.P2P.Transport;

namespace Seratio.Node.Tests.P2P;

/// <summary>
/// A loopback TCP relay between a dialling node and a listening one (what an on-path observer sits on): forwards
/// bytes both ways and records what passed, up to <see cref="MaxRecorded"/> bytes. With <c>terminateTls</c> it is a
/// man in the middle instead: TLS towards the dialler with a certificate of its own, TLS towards the listener, and
/// the decrypted HTTP/2 pumped between them (recorded in the clear). Thread safe.
/// </summary>
internal sealed class Relay : IAsyncDisposable
{
    public const int MaxRecorded = 8 * 1024 * 1024;

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _target;
    private readonly PeerTlsIdentity? _own;
    private readonly CancellationTokenSource _stop = new();
    private readonly MemoryStream _recorded = new();
    private readonly List<Task> _tasks = [];
    private int _connections;

    private Relay(int target, bool terminateTls)
    {
        _target = target;
        _own = terminateTls ? PeerTlsIdentity.CreateEphemeral(DateTimeOffset.UtcNow) : null;
        _listener.Start();
        lock (_tasks) _tasks.Add(AcceptLoopAsync());
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Connections the relay has forwarded (accepted and connected to the target).</summary>
    public int Connections => Volatile.Read(ref _connections);

    public static Relay Forwarding(int targetPort) => new(targetPort, terminateTls: false);

    public static Relay TerminatingTls(int targetPort) => new(targetPort, terminateTls: true);

    /// <summary>Every byte seen so far, both directions interleaved as they came.</summary>
    public byte[] Recorded()
    {
        lock (_recorded) return _recorded.ToArray();
    }

    public bool Saw(ReadOnlySpan<byte> needle) => Recorded().AsSpan().IndexOf(needle) >= 0;

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                lock (_tasks) _tasks.Add(RelayAsync(client));
            }
        }
        catch (OperationCanceledException) { }
        catch (SocketException) { }
        catch (ObjectDisposedException) { }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var _ = client;
        using var server = new TcpClient();
        try
        {
            await server.ConnectAsync(IPAddress.Loopback, _target, _stop.Token);
            Stream toDialler = client.GetStream(), toListener = server.GetStream();
            if (_own is not null)
            {
                var dialler = new SslStream(toDialler);
                await dialler.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                {
                    ServerCertificate = _own.Certificate,
                    EnabledSslProtocols = SslProtocols.Tls13,
                    ApplicationProtocols = [SslApplicationProtocol.Http2],
                }, _stop.Token);
                var listener = new SslStream(toListener);
                await listener.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
                {
                    TargetHost = "127.0.0.1",
                    EnabledSslProtocols = SslProtocols.Tls13,
                    ApplicationProtocols = [SslApplicationProtocol.Http2],
                    RemoteCertificateValidationCallback = (_, _, _, _) => true,
                }, _stop.Token);
                (toDialler, toListener) = (dialler, listener);
            }
            Interlocked.Increment(ref _connections);
            using var done = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            var up = PumpAsync(toDialler, toListener, done.Token);
            var down = PumpAsync(toListener, toDialler, done.Token);
            await Task.WhenAny(up, down);
            done.Cancel();
            await Task.WhenAll(up, down);
            await toDialler.DisposeAsync();
            await toListener.DisposeAsync();
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or AuthenticationException or ObjectDisposedException)
        {
            // A connection the relay could not (or no longer) forward: the nodes see it closed.
        }
    }

    private async Task PumpAsync(Stream from, Stream to, CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, ct)) > 0)
            {
                lock (_recorded)
                    if (_recorded.Length + read <= MaxRecorded) _recorded.Write(buffer, 0, read);
                await to.WriteAsync(buffer.AsMemory(0, read), ct);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        Task[] tasks;
        lock (_tasks) tasks = [.. _tasks];
        await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(10));
        _own?.Dispose();
        _stop.Dispose();
    }
}
