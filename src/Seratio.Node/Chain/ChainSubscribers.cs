using System.Threading.Channels;

namespace Seratio.Node.Chain;

/// <summary>Raised into a subscriber's channel when it fell too far behind and was dropped.</summary>
public sealed class SubscriberTooSlowException(int capacity)
    : Exception($"the subscriber fell {capacity} blocks behind and was dropped; subscribe again and catch up from the store");

/// <summary>
/// Fan-out of committed blocks: one bounded channel per subscriber. Publishing never waits: a
/// subscriber whose channel is full is completed with <see cref="SubscriberTooSlowException"/>
/// and dropped, so a slow reader can never hold up commits. Thread safe.
/// </summary>
internal sealed class ChainSubscribers(int capacity = 256) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly List<Channel<CommittedBlock>> _channels = [];
    private bool _disposed;

    public int Count
    {
        get { lock (_lock) return _channels.Count; }
    }

    public ChannelReader<CommittedBlock> Subscribe(CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<CommittedBlock>(new BoundedChannelOptions(capacity)
        {
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait, // TryWrite then fails instead of dropping silently
        });
        lock (_lock)
        {
            if (_disposed) { channel.Writer.TryComplete(); return channel.Reader; }
            _channels.Add(channel);
        }
        if (cancellationToken.CanBeCanceled)
            cancellationToken.Register(() => Remove(channel, null));
        return channel.Reader;
    }

    public void Publish(CommittedBlock block)
    {
        List<Channel<CommittedBlock>>? slow = null;
        lock (_lock)
            foreach (var channel in _channels)
                if (!channel.Writer.TryWrite(block)) (slow ??= []).Add(channel);
        if (slow is null) return;
        foreach (var channel in slow) Remove(channel, new SubscriberTooSlowException(capacity));
    }

    private void Remove(Channel<CommittedBlock> channel, Exception? error)
    {
        lock (_lock) _channels.Remove(channel);
        channel.Writer.TryComplete(error);
    }

    public void Dispose()
    {
        Channel<CommittedBlock>[] all;
        lock (_lock)
        {
            _disposed = true;
            all = [.. _channels];
            _channels.Clear();
        }
        foreach (var channel in all) channel.Writer.TryComplete();
    }
}
