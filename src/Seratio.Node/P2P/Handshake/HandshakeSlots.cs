namespace Seratio.Node.P2P.Handshake;

/// <summary>
/// The places of inbound handshakes in progress, in two pools, so that an attacker who opens connections and sends
/// nothing cannot keep the node's known peers out (docs/p2p.md, "Handshake slots").
/// <list type="bullet">
/// <item>Unidentified (no Hello yet): at most <see cref="Capacity"/>. When full, a new handshake evicts one: the oldest
/// of the address that holds the most (so a peer on its own address is the last to go, and an attacker must keep
/// opening connections faster than a real peer's Hello arrives). Each address holds at most <see cref="PerAddress"/>;
/// beyond it a new one is refused. Each has <see cref="HelloTimeout"/> to send its Hello.</item>
/// <item>Reserved (the Hello named a key of genesis, of the chain's validators or of P2P:AllowedPeers): at most
/// <see cref="PerKey"/> per key, which no unidentified handshake can take; beyond it the oldest claim on that key is
/// evicted (a spoofed claim cannot prove the key, the real node proves in milliseconds). Each has
/// <see cref="HelloTimeout"/> again from its Hello to its proof.</item>
/// </list>
/// Eviction and deadlines cancel the slot's token; the handshake ends with the slot's refusal. Thread safe (one lock;
/// tokens are cancelled outside it).
/// </summary>
public sealed class HandshakeSlots
{
    private readonly Lock _lock = new();
    private readonly List<HandshakeSlot> _unidentified = []; // in admission order: the first is the oldest
    private readonly Dictionary<string, int> _byAddress = new(StringComparer.Ordinal);
    private readonly Dictionary<PeerId, List<HandshakeSlot>> _claims = [];
    private readonly TimeProvider _time;
    private long _sequence;
    private long _evicted;

    public HandshakeSlots(int capacity, int perAddress, int perKey, TimeSpan helloTimeout, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(perAddress, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(perKey, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(helloTimeout, TimeSpan.Zero);
        Capacity = capacity;
        PerAddress = perAddress;
        PerKey = perKey;
        HelloTimeout = helloTimeout;
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>P2P:MaxPendingHandshakes: unidentified handshakes at once.</summary>
    public int Capacity { get; }

    /// <summary>P2P:MaxPendingHandshakesPerAddress: unidentified handshakes from one address.</summary>
    public int PerAddress { get; }

    /// <summary>P2P:MaxPendingHandshakesPerKey: identified handshakes claiming one known key.</summary>
    public int PerKey { get; }

    /// <summary>P2P:HelloTimeoutMs: time for the Hello after admission, and for the proof after the Hello.</summary>
    public TimeSpan HelloTimeout { get; }

    /// <summary>Unidentified handshakes now.</summary>
    public int Unidentified { get { lock (_lock) return _unidentified.Count; } }

    /// <summary>Handshakes claiming <paramref name="key"/> now.</summary>
    public int Claims(PeerId key) { lock (_lock) return _claims.TryGetValue(key, out var list) ? list.Count : 0; }

    /// <summary>Handshakes evicted for newer ones, since start.</summary>
    public long Evicted => Interlocked.Read(ref _evicted);

    /// <summary>
    /// A slot for a new inbound handshake from <paramref name="address"/>, or a Busy refusal when that address already
    /// holds <see cref="PerAddress"/>. When all <see cref="Capacity"/> are taken one is evicted to make room.
    /// </summary>
    public bool TryAdmit(string address, out HandshakeSlot? slot, out HandshakeResult refusal)
    {
        ArgumentNullException.ThrowIfNull(address);
        HandshakeSlot? victim = null;
        lock (_lock)
        {
            int fromAddress = _byAddress.GetValueOrDefault(address);
            if (fromAddress >= PerAddress)
            {
                slot = null;
                refusal = HandshakeResult.Refuse(HandshakeOutcome.Busy,
                    $"more than P2P:MaxPendingHandshakesPerAddress ({PerAddress}) handshakes in progress from your address");
                return false;
            }
            if (_unidentified.Count >= Capacity)
            {
                victim = Victim();
                RemoveUnidentified(victim);
                victim.Released = true; // counted nowhere now: a Hello that still comes cannot make it a claim
            }
            slot = new HandshakeSlot(this, address, ++_sequence, HelloTimeout, _time);
            _unidentified.Add(slot);
            _byAddress[address] = _byAddress.GetValueOrDefault(address) + 1;
        }
        if (victim is not null)
        {
            Interlocked.Increment(ref _evicted);
            victim.Evict(HandshakeResult.Refuse(HandshakeOutcome.Busy,
                $"evicted for a newer handshake: P2P:MaxPendingHandshakes ({Capacity}) handshakes were waiting for a Hello; send it within P2P:HelloTimeoutMs"));
        }
        refusal = default;
        return true;
    }

    // The oldest unidentified handshake of the address holding the most. Caller holds _lock; the pool is full.
    private HandshakeSlot Victim()
    {
        HandshakeSlot? best = null;
        int bestCount = 0;
        foreach (var candidate in _unidentified) // oldest first: a later one wins only with a strictly larger count
        {
            int count = _byAddress[candidate.Address];
            if (count > bestCount) (best, bestCount) = (candidate, count);
        }
        return best!;
    }

    // Caller holds _lock.
    private void RemoveUnidentified(HandshakeSlot slot)
    {
        if (!_unidentified.Remove(slot)) return;
        int n = _byAddress[slot.Address];
        if (n <= 1) _byAddress.Remove(slot.Address);
        else _byAddress[slot.Address] = n - 1;
    }

    internal void Identify(HandshakeSlot slot, PeerId key)
    {
        HandshakeSlot? victim = null;
        lock (_lock)
        {
            if (slot.Released || slot.Key is not null) return;
            RemoveUnidentified(slot);
            slot.Key = key;
            if (!_claims.TryGetValue(key, out var list)) _claims[key] = list = [];
            list.Add(slot);
            if (list.Count > PerKey)
            {
                victim = list[0];
                list.RemoveAt(0);
                victim.Released = true;
            }
            slot.Restart(HelloTimeout);
        }
        if (victim is not null)
        {
            Interlocked.Increment(ref _evicted);
            victim.Evict(HandshakeResult.Refuse(HandshakeOutcome.Busy,
                $"evicted: more than P2P:MaxPendingHandshakesPerKey ({PerKey}) handshakes claim node key {key.ToHex()}", key));
        }
    }

    internal void Release(HandshakeSlot slot)
    {
        lock (_lock)
        {
            if (slot.Released) return;
            slot.Released = true;
            if (slot.Key is not { } key) RemoveUnidentified(slot);
            else if (_claims.TryGetValue(key, out var list) && list.Remove(slot) && list.Count == 0) _claims.Remove(key);
        }
    }
}
