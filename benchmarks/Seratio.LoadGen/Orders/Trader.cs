namespace Seratio.LoadGen.Orders;

/// <summary>What a trader does with its next exchange slot.</summary>
internal enum TraderAction
{
    Place,
    /// <summary>Cancel its oldest resting order it knows of.</summary>
    Cancel,
    /// <summary>Neither is possible within the limits (no known resting order, too many open): the slot sends a transfer.</summary>
    None,
}

/// <summary>
/// One load account's view of its own orders in the mix's market: the resting (or pending) order ids it
/// learnt from the batch's <c>exchange.order</c> events, and the placements it signed that no event named
/// yet (forgotten after <see cref="ResolveAfter"/>, so a placement refused in its block cannot hold the
/// trader back for ever). It decides each exchange slot with <see cref="Decide"/>. Thread safe (one lock:
/// the event watcher writes while a sender signs).
/// </summary>
internal sealed class Trader
{
    /// <summary>Longest a signed placement counts as possibly open while no event named it.</summary>
    public static readonly long ResolveAfter = System.Diagnostics.Stopwatch.Frequency * 10;

    private readonly object _gate = new();
    private readonly SortedSet<ulong> _open = [];
    private readonly HashSet<ulong> _seen = [];
    private readonly HashSet<ulong> _cancelled = [];
    private readonly Queue<long> _unresolved = new();
    private long _actions;

    /// <summary>Exchange slots this trader has signed so far (placements, cancels and slots that became transfers).</summary>
    public long Actions { get { lock (_gate) return _actions; } }

    public int KnownOpen { get { lock (_gate) return _open.Count; } }

    /// <summary>
    /// Decides the next slot: a cancel of the oldest known resting order every fourth slot, or whenever the
    /// known open orders and unresolved placements reach <paramref name="cancelAbove"/>; otherwise a placement
    /// while that count stays below <paramref name="maxOpen"/> (params.exchange.max_open_orders) less a margin
    /// of one; else a cancel when one is known, else nothing.
    /// </summary>
    public static TraderAction Decide(int knownOpen, int unresolved, long action, int cancelAbove, int maxOpen)
    {
        int possiblyOpen = knownOpen + unresolved;
        if (knownOpen > 0 && (action % 4 == 3 || possiblyOpen >= cancelAbove)) return TraderAction.Cancel;
        if (possiblyOpen < maxOpen - 1) return TraderAction.Place;
        return knownOpen > 0 ? TraderAction.Cancel : TraderAction.None;
    }

    /// <summary>
    /// Takes the next slot at time <paramref name="now"/> (Stopwatch ticks): the action, the order to cancel
    /// (removed from the known set, so it is cancelled once) and the slot's action index.
    /// </summary>
    public (TraderAction Action, ulong CancelId, long Index) Next(long now, int cancelAbove, int maxOpen)
    {
        lock (_gate)
        {
            while (_unresolved.Count > 0 && now - _unresolved.Peek() > ResolveAfter) _unresolved.Dequeue();
            long index = _actions++;
            var action = Decide(_open.Count, _unresolved.Count, index, cancelAbove, maxOpen);
            ulong cancel = 0;
            if (action == TraderAction.Cancel)
            {
                cancel = _open.Min;
                _open.Remove(cancel);
                _cancelled.Add(cancel);
            }
            else if (action == TraderAction.Place) _unresolved.Enqueue(now);
            return (action, cancel, index);
        }
    }

    /// <summary>
    /// An <c>exchange.order</c> event of this trader's order <paramref name="id"/>: a first sighting resolves one
    /// signed placement; an open or pending status makes it cancellable (unless this trader cancelled it
    /// already: an event of the batch may arrive after the cancel was signed), any other (filled, cancelled,
    /// expired) forgets it.
    /// </summary>
    public void Observe(ulong id, bool open)
    {
        lock (_gate)
        {
            if (_seen.Add(id) && _unresolved.Count > 0) _unresolved.Dequeue();
            if (open && !_cancelled.Contains(id)) _open.Add(id);
            else _open.Remove(id);
        }
    }
}
