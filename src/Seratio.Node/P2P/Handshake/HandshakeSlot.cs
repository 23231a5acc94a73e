namespace Seratio.Node.P2P.Handshake;

/// <summary>
/// One inbound handshake's place in <see cref="HandshakeSlots"/>: unidentified until its Hello names a known node key,
/// then a claim on that key's reserved places. <see cref="Token"/> is cancelled when the slot is taken back (evicted
/// for a newer handshake, or its phase deadline passed); <see cref="Refusal"/> then says why. Dispose gives the place
/// back. Thread safe (state changes under the owner's lock).
/// </summary>
public sealed class HandshakeSlot : IDisposable
{
    private readonly HandshakeSlots _owner;
    private readonly CancellationTokenSource _cancel;
    private HandshakeResult? _refusal;

    internal HandshakeSlot(HandshakeSlots owner, string address, long sequence, TimeSpan helloTimeout, TimeProvider time)
    {
        _owner = owner;
        Address = address;
        Sequence = sequence;
        _cancel = new CancellationTokenSource(helloTimeout, time);
    }

    /// <summary>The remote address the handshake came from.</summary>
    public string Address { get; }

    /// <summary>Admission order among unidentified handshakes (smaller: older).</summary>
    internal long Sequence { get; }

    /// <summary>The known key the peer's Hello named, once identified.</summary>
    public PeerId? Key { get; internal set; }

    /// <summary>No longer counted (given back, or evicted). Changed under the owner's lock.</summary>
    internal bool Released { get; set; }

    /// <summary>Cancelled when this handshake must stop: evicted, or its Hello (or proof) did not come in time.</summary>
    public CancellationToken Token => _cancel.Token;

    /// <summary>Why the slot was taken back, once <see cref="Token"/> is cancelled (a deadline when nothing else was recorded).</summary>
    public HandshakeResult Refusal
    {
        get
        {
            lock (_cancel) return _refusal ?? HandshakeResult.Refuse(HandshakeOutcome.Timeout, Key is null
                ? $"no Hello within P2P:HelloTimeoutMs ({_owner.HelloTimeout.TotalMilliseconds:0} ms)"
                : $"no proof within P2P:HelloTimeoutMs ({_owner.HelloTimeout.TotalMilliseconds:0} ms) of the Hello", Key ?? default);
        }
    }

    /// <summary>The peer's Hello named <paramref name="key"/>, a node key this node accepts: the handshake moves to that key's reserved places.</summary>
    public void Identified(PeerId key) => _owner.Identify(this, key);

    /// <summary>The handshake's phase starts again: the peer has <paramref name="timeout"/> for its next frame.</summary>
    internal void Restart(TimeSpan timeout) => _cancel.CancelAfter(timeout);

    /// <summary>Takes the slot back with <paramref name="reason"/>; the caller must not hold the owner's lock (cancellation runs callbacks).</summary>
    internal void Evict(HandshakeResult reason)
    {
        lock (_cancel) _refusal ??= reason;
        try { _cancel.Cancel(); }
        catch (ObjectDisposedException) { }
    }

    public void Dispose()
    {
        _owner.Release(this);
        _cancel.Dispose();
    }
}
