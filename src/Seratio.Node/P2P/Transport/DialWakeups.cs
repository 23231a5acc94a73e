using System.Collections.Concurrent;

namespace Seratio.Node.P2P.Transport;

/// <summary>
/// Lets a dial loop's back-off wait end early when the peer it dials shows it is up (its Hello reached this node, see
/// <see cref="PeerNetwork.KnownPeerKnocked"/>): a validator that restarted is dialled at once, not after up to
/// P2P:ReconnectMaxMs. One waiter per key (the latest). Thread safe.
/// </summary>
public sealed class DialWakeups
{
    private readonly ConcurrentDictionary<PeerId, TaskCompletionSource> _waiting = new();

    /// <summary>Ends the current wait of <paramref name="peer"/>'s dial loop, if it is waiting.</summary>
    public void Wake(PeerId peer)
    {
        if (_waiting.TryRemove(peer, out var waiter)) waiter.TrySetResult();
    }

    /// <summary>
    /// Waits <paramref name="delay"/>, or less when <paramref name="peer"/> is woken meanwhile. True when woken. A loop
    /// that does not know its peer's key yet (null) just waits.
    /// </summary>
    public async Task<bool> DelayAsync(PeerId? peer, TimeSpan delay, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (peer is not { } key)
        {
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            return false;
        }
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[key] = waiter;
        using var stopTimer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            var timer = Task.Delay(delay, time, stopTimer.Token);
            var first = await Task.WhenAny(timer, waiter.Task).ConfigureAwait(false);
            if (first == timer) await timer.ConfigureAwait(false); // throws when cancelled
            return first == waiter.Task;
        }
        finally
        {
            await stopTimer.CancelAsync().ConfigureAwait(false);
            _waiting.TryRemove(new KeyValuePair<PeerId, TaskCompletionSource>(key, waiter));
        }
    }
}
