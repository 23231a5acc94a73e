using System.Net.Http;
using Grpc.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Seratio.Core.Text;
using Seratio.Node.P2P.Handshake;
using Seratio.Protocol;

namespace Seratio.Node.P2P.Transport;

/// <summary>
/// Keeps a connection to every peer of <see cref="P2POptions.Peers"/>: dials, runs the session,
/// and after it ends or fails waits with back-off (200 ms doubling to 10 s by default) before
/// dialling again. While the peer is connected through another connection (it dialled us), the
/// loop waits for that one to end instead of dialling. When the peer's own Hello reaches this node meanwhile (it is up
/// again), the wait ends early and the back-off starts over: at most one such early dial per P2P:ReconnectInitialMs.
/// One loop per address; stops with the host.
/// </summary>
public sealed class PeerDialer(PeerNetwork network, IOptions<P2POptions> options, TimeProvider time, ILogger<PeerDialer> logger) : BackgroundService
{
    private readonly DialWakeups _wakeups = new();

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        network.KnownPeerKnocked += _wakeups.Wake;
        stoppingToken.Register(() => network.KnownPeerKnocked -= _wakeups.Wake);
        var addresses = options.Value.Peers.Select(p => PeerAddress.TryParse(p, out var a, out _) ? a! : throw new FormatException($"P2P:Peers: '{p}'"));
        return Task.WhenAll(addresses.Select(a => Task.Run(() => DialLoopAsync(a, stoppingToken), CancellationToken.None)));
    }

    private async Task DialLoopAsync(PeerAddress address, CancellationToken ct)
    {
        var o = options.Value;
        var backoff = new Backoff(TimeSpan.FromMilliseconds(o.ReconnectInitialMs), TimeSpan.FromMilliseconds(o.ReconnectMaxMs));
        PeerId? known = address.ExpectedKey;
        int failures = 0; // in a row; the first of a streak is logged at Information, the rest at Debug
        try
        {
            while (!ct.IsCancellationRequested)
            {
                if (known is { } peer && network.ConnectionTo(peer) is { } existing)
                {
                    await existing.Completion.WaitAsync(ct).ConfigureAwait(false);
                    continue;
                }
                var (result, error) = await DialOnceAsync(address, known, ct).ConfigureAwait(false);
                if (result is { Handshake.IsAccepted: true } accepted)
                {
                    known ??= accepted.Handshake.Peer;
                    if (accepted.End != Connection.ConnectionEnd.Replaced) backoff.Reset();
                    failures = 0;
                }
                if (ct.IsCancellationRequested) return;
                var delay = backoff.Next();
                if (error is not null)
                {
                    if (failures++ == 0) P2PLog.Unreachable(logger, address, error, o.ReconnectMaxMs);
                    P2PLog.DialFailed(logger, address, error, (long)delay.TotalMilliseconds);
                }
                if (await _wakeups.DelayAsync(known, delay, time, ct).ConfigureAwait(false))
                {
                    // The peer is up and knocking: dial it now, after the shortest wait (which bounds how often a
                    // Hello that only claims the key can make this loop dial).
                    backoff.Reset();
                    P2PLog.DialWoken(logger, known!.Value, address);
                    await Task.Delay(backoff.Next(), time, ct).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task<(SessionResult? Result, string? Error)> DialOnceAsync(PeerAddress address, PeerId? expected, CancellationToken ct)
    {
        var o = options.Value;
        var certificate = o.UsesTls ? new ServerCertificateRecorder() : null;
        using var channel = PeerChannels.Open(address, o, certificate);
        var client = new PeerApi.PeerApiClient(channel);
        try
        {
            using var call = client.Connect(cancellationToken: ct);
            var result = await network.RunSessionAsync(new ClientFrameStream(call, address.ToString(), certificate), PeerDirection.Outbound, expected, ct).ConfigureAwait(false);
            if (result.Handshake.IsAccepted) return (result, null);
            var hint = result.Handshake.Outcome == HandshakeOutcome.Closed ? TransportHint(await CallFailureAsync(call).ConfigureAwait(false), o) : "";
            return (result, $"{result.Handshake.Outcome}: {result.Handshake.Reason}{hint}");
        }
        catch (RpcException ex) when (!ct.IsCancellationRequested)
        {
            return (null, $"{ex.StatusCode}: {SafeText.Clip(ex.Status.Detail)}{TransportHint(ex, o)}");
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && ex is not OutOfMemoryException)
        {
            // Whatever a remote endpoint does to one dial (reset, garbage, TLS where h2c was
            // expected) must not end the loop, let alone the host: log it and retry later.
            return (null, $"{ex.GetType().Name}: {SafeText.Clip(ex.Message)}{TransportHint(ex, o)}");
        }
    }

    /// <summary>
    /// When the transport itself failed after the TCP connection was made (the TLS handshake, or an answer that is not
    /// HTTP/2), the likeliest cause between two configured nodes is that their P2P:Transport differs: say so. Empty for
    /// anything else (no connection at all, a peer's refusal). A TLS listener meets an h2c preface with a TLS alert, with
    /// nothing, or by closing the connection, so a cleartext dialler sees an invalid response, a protocol error, an
    /// HTTP/2 handshake never completed, or a write to a closed connection, depending on timing: every HTTP failure but
    /// a failed connect counts.
    /// </summary>
    private static string TransportHint(Exception? failure, P2POptions o)
    {
        for (var ex = failure; ex is not null; ex = ex.InnerException)
        {
            if (ex is RpcException rpc) { ex = rpc.Status.DebugException; if (ex is null) break; }
            if (o.UsesTls && ex is HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } or System.Security.Authentication.AuthenticationException)
                return " (the TLS 1.3 handshake failed: this node dials with P2P:Transport=tls; is the peer listening with P2P:Transport=cleartext?)";
            if (!o.UsesTls && ex is HttpRequestException { HttpRequestError: not (HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError) })
                return " (the peer did not answer HTTP/2 cleartext: this node dials with P2P:Transport=cleartext; is the peer listening with P2P:Transport=tls?)";
        }
        return "";
    }

    /// <summary>
    /// Why a call whose handshake ended early failed: a call that never started fails its response headers with the
    /// transport's exception (its status may not be set yet when the stream's read or write failed first); otherwise its
    /// status, once it has one. Waits at most a second.
    /// </summary>
    private static async Task<Exception?> CallFailureAsync(AsyncDuplexStreamingCall<PeerFrame, PeerFrame> call)
    {
        try
        {
            await call.ResponseHeadersAsync.WaitAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        }
        catch (RpcException ex)
        {
            return ex;
        }
        catch (TimeoutException)
        {
        }
        return CallFailure(call);
    }

    /// <summary>Why the call failed, once it has (null while it runs or when it ended well).</summary>
    private static Exception? CallFailure(AsyncDuplexStreamingCall<PeerFrame, PeerFrame> call)
    {
        try
        {
            return call.GetStatus().DebugException;
        }
        catch (InvalidOperationException)
        {
            return null; // the call has not finished
        }
    }
}
