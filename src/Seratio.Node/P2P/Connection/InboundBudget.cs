namespace Seratio.Node.P2P.Connection;

/// <summary>
/// Two token buckets (bytes and frames) refilled from an injected clock: each allows a burst of
/// one second's budget (bytes: at least one largest frame) and the budget per second after it.
/// A peer that overdraws either bucket is flooding. Integer arithmetic only (tokens are kept
/// multiplied by the clock frequency, so no fraction of a refill is lost). Not thread safe: one
/// connection's read loop owns it.
/// </summary>
public sealed class InboundBudget
{
    private readonly TimeProvider _time;
    private readonly long _frequency;
    private readonly long _bytesPerSecond;
    private readonly long _framesPerSecond;
    private readonly Int128 _byteCapacity;
    private readonly Int128 _frameCapacity;
    private Int128 _bytes;
    private Int128 _frames;
    private long _last;

    public InboundBudget(long bytesPerSecond, long framesPerSecond, long largestFrame, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bytesPerSecond, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(framesPerSecond, 1);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _frequency = time.TimestampFrequency;
        _bytesPerSecond = bytesPerSecond;
        _framesPerSecond = framesPerSecond;
        _byteCapacity = (Int128)Math.Max(bytesPerSecond, largestFrame) * _frequency;
        _frameCapacity = (Int128)framesPerSecond * _frequency;
        _bytes = _byteCapacity;
        _frames = _frameCapacity;
        _last = time.GetTimestamp();
    }

    /// <summary>Takes one frame of <paramref name="bytes"/> from the budget; false when the peer exceeded it.</summary>
    public bool TryConsume(int bytes)
    {
        long now = _time.GetTimestamp();
        long elapsed = Math.Max(now - _last, 0); // Int128 below: no overflow however long the pause
        _last = now;
        _bytes = Int128.Min(_byteCapacity, _bytes + (Int128)elapsed * _bytesPerSecond);
        _frames = Int128.Min(_frameCapacity, _frames + (Int128)elapsed * _framesPerSecond);
        Int128 frameCost = _frequency;
        Int128 byteCost = (Int128)bytes * _frequency;
        if (_frames < frameCost || _bytes < byteCost) return false;
        _frames -= frameCost;
        _bytes -= byteCost;
        return true;
    }
}
