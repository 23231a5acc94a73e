using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace Seratio.Node.P2P.Transport;

/// <summary>
/// Wraps a P2P request's body so that, until the handshake completes, a gRPC message that declares more than
/// P2P:MaxHandshakeFrameBytes fails the read as soon as its 5-byte prefix (flag, length big-endian) arrives — before
/// its body is buffered. After <see cref="Open"/> nothing is checked (the call's MaxReceiveMessageSize applies). One
/// reader (the gRPC framework); <see cref="Open"/> may come from the session's task.
/// </summary>
public sealed class HandshakeFrameLimit(IRequestBodyPipeFeature inner, int maxBytes) : PipeReader, IRequestBodyPipeFeature
{
    private volatile bool _open;

    /// <summary>The feature's reader: this.</summary>
    public PipeReader Reader => this;

    /// <summary>The handshake succeeded: stop checking.</summary>
    public void Open() => _open = true;

    public override async ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        var result = await inner.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        Check(result.Buffer);
        return result;
    }

    public override bool TryRead(out ReadResult result)
    {
        if (!inner.Reader.TryRead(out result)) return false;
        Check(result.Buffer);
        return true;
    }

    private void Check(ReadOnlySequence<byte> buffer)
    {
        if (_open || buffer.Length < 5) return;
        Span<byte> prefix = stackalloc byte[5];
        buffer.Slice(0, 5).CopyTo(prefix);
        uint length = BinaryPrimitives.ReadUInt32BigEndian(prefix[1..]);
        if (length > (uint)maxBytes)
            throw new InvalidDataException($"a frame of {length} bytes before the handshake completed; at most {maxBytes} (P2P:MaxHandshakeFrameBytes)");
    }

    public override void AdvanceTo(SequencePosition consumed) => inner.Reader.AdvanceTo(consumed);

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined) => inner.Reader.AdvanceTo(consumed, examined);

    public override void CancelPendingRead() => inner.Reader.CancelPendingRead();

    public override void Complete(Exception? exception = null) => inner.Reader.Complete(exception);
}
