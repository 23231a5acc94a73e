using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;

namespace Seratio.Node.P2P.Queues;

/// <summary>
/// A FIFO bounded both in items and in bytes that never blocks the writer: an item that does not
/// fit pushes out the oldest items until it does (each push-out is counted in <see cref="Dropped"/>).
/// An item larger than the byte cap on its own is refused and counted as dropped. Read through the
/// <see cref="ChannelReader{T}"/> surface (<c>ReadAllAsync</c>, <c>WaitToReadAsync</c>, …).
/// Invariant: <see cref="Count"/> ≤ max items and <see cref="Bytes"/> ≤ max bytes at all times.
/// Thread safe: any number of writers, one or more readers, all under one short lock.
/// </summary>
public sealed class DropOldestQueue<T> : ChannelReader<T>
{
    private readonly object _gate = new();
    private readonly Queue<T> _items = new();
    private readonly Func<T, int> _size;
    private readonly int _maxItems;
    private readonly long _maxBytes;
    private TaskCompletionSource<bool>? _waiter;
    private long _bytes;
    private long _dropped;
    private bool _completed;

    /// <param name="maxItems">Most items held (≥ 1).</param>
    /// <param name="maxBytes">Most bytes held, as <paramref name="size"/> counts them (≥ 1).</param>
    /// <param name="size">The byte size of an item (≥ 0).</param>
    public DropOldestQueue(int maxItems, long maxBytes, Func<T, int> size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxItems, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        _maxItems = maxItems;
        _maxBytes = maxBytes;
        _size = size ?? throw new ArgumentNullException(nameof(size));
    }

    public override int Count { get { lock (_gate) return _items.Count; } }
    public override bool CanCount => true;

    /// <summary>Bytes held now.</summary>
    public long Bytes { get { lock (_gate) return _bytes; } }

    /// <summary>Items dropped since creation (pushed out, or too large on their own).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Adds <paramref name="item"/>, dropping the oldest items to make room. False when completed or when the item alone exceeds the byte cap.</summary>
    public bool Enqueue(T item)
    {
        int size = _size(item);
        TaskCompletionSource<bool>? wake;
        lock (_gate)
        {
            if (_completed) return false;
            if (size > _maxBytes) { _dropped++; return false; }
            while (_items.Count > 0 && (_items.Count >= _maxItems || _bytes + size > _maxBytes))
            {
                _bytes -= _size(_items.Dequeue());
                _dropped++;
            }
            _items.Enqueue(item);
            _bytes += size;
            wake = _waiter;
            _waiter = null;
        }
        wake?.TrySetResult(true);
        return true;
    }

    public override bool TryRead([MaybeNullWhen(false)] out T item)
    {
        lock (_gate)
        {
            if (!_items.TryDequeue(out item)) return false;
            _bytes -= _size(item);
            return true;
        }
    }

    public override bool TryPeek([MaybeNullWhen(false)] out T item)
    {
        lock (_gate) return _items.TryPeek(out item);
    }

    public override ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default)
    {
        Task<bool> wait;
        lock (_gate)
        {
            if (_items.Count > 0) return new ValueTask<bool>(true);
            if (_completed) return new ValueTask<bool>(false);
            _waiter ??= new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            wait = _waiter.Task;
        }
        return new ValueTask<bool>(cancellationToken.CanBeCanceled ? wait.WaitAsync(cancellationToken) : wait);
    }

    /// <summary>No more items: readers drain what is held, then see the end. Idempotent.</summary>
    public void Complete()
    {
        TaskCompletionSource<bool>? wake;
        lock (_gate)
        {
            _completed = true;
            wake = _waiter;
            _waiter = null;
        }
        wake?.TrySetResult(false);
    }

    /// <summary>Completes and forgets every held item (their bytes are released at once).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _items.Clear();
            _bytes = 0;
        }
        Complete();
    }
}
