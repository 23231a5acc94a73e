using System.Threading.Channels;
using Seratio.Node.P2P.Transport;
using Seratio.Protocol;

namespace Seratio.Node.Tests.P2P;

/// <summary>Two in-memory frame streams wired back to back (what one writes the other reads).</summary>
internal sealed class MemoryFrameStream(ChannelReader<PeerFrame> incoming, ChannelWriter<PeerFrame> outgoing, string remote,
    Seratio.Core.Crypto.Hash32 channelBinding = default) : IFrameStream
{
    public string Remote { get; } = remote;

    public Seratio.Core.Crypto.Hash32 ChannelBinding { get; } = channelBinding;

    /// <summary>Two ends; each may be given the channel binding its side "saw" (default: none, as in cleartext).</summary>
    public static (MemoryFrameStream A, MemoryFrameStream B) Pair(Seratio.Core.Crypto.Hash32 bindingA = default, Seratio.Core.Crypto.Hash32 bindingB = default)
    {
        var ab = Channel.CreateUnbounded<PeerFrame>();
        var ba = Channel.CreateUnbounded<PeerFrame>();
        return (new MemoryFrameStream(ba.Reader, ab.Writer, "mem:b", bindingA), new MemoryFrameStream(ab.Reader, ba.Writer, "mem:a", bindingB));
    }

    public async ValueTask<PeerFrame?> ReadAsync(CancellationToken cancellationToken) =>
        await incoming.WaitToReadAsync(cancellationToken) && incoming.TryRead(out var frame) ? frame : null;

    public async Task WriteAsync(PeerFrame frame, CancellationToken cancellationToken)
    {
        // A copy, as the wire would make: the reader never shares the writer's objects.
        await outgoing.WriteAsync(PeerFrame.Parser.ParseFrom(Google.Protobuf.MessageExtensions.ToByteArray(frame)), cancellationToken);
    }

    public void Complete() => outgoing.TryComplete();
}

/// <summary>
/// A peer that never reads: every write blocks until cancelled (as HTTP/2 flow control does once
/// the window is full), and reads wait for frames the test pushes.
/// </summary>
internal sealed class StalledFrameStream : IFrameStream
{
    private readonly Channel<PeerFrame> _incoming = Channel.CreateUnbounded<PeerFrame>();
    private int _writesStarted;

    public string Remote => "mem:stalled";
    public int WritesStarted => Volatile.Read(ref _writesStarted);

    public void Push(PeerFrame frame) => _incoming.Writer.TryWrite(frame);

    public async ValueTask<PeerFrame?> ReadAsync(CancellationToken cancellationToken) =>
        await _incoming.Reader.WaitToReadAsync(cancellationToken) && _incoming.Reader.TryRead(out var frame) ? frame : null;

    public Task WriteAsync(PeerFrame frame, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _writesStarted);
        return Task.Delay(Timeout.Infinite, cancellationToken);
    }
}
