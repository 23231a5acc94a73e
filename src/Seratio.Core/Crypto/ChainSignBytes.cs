using System.Text;

namespace Seratio.Core.Crypto;

/// <summary>
/// The common frame of every byte string signed on the chain: domain tag || len(chain id) as one
/// byte || chain id (UTF-8) || payload. Binding the tag and the chain id means a signature made
/// for one purpose or one chain is worthless for any other. Pure; thread safe.
/// </summary>
public static class ChainSignBytes
{
    /// <summary>
    /// A new array holding the frame with <paramref name="payloadLength"/> bytes left for the
    /// payload, which the caller writes into <paramref name="payload"/>.
    /// </summary>
    public static byte[] Create(Domain domain, string chainId, int payloadLength, out Span<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(chainId);
        ArgumentOutOfRangeException.ThrowIfNegative(payloadLength);
        int chainLength = Encoding.UTF8.GetByteCount(chainId);
        if (chainLength > byte.MaxValue) throw new ArgumentException("chain id is longer than 255 bytes", nameof(chainId));
        var tag = domain.Tag;
        var result = new byte[tag.Length + 1 + chainLength + payloadLength];
        tag.CopyTo(result, 0);
        result[tag.Length] = (byte)chainLength;
        Encoding.UTF8.GetBytes(chainId, result.AsSpan(tag.Length + 1));
        payload = result.AsSpan(tag.Length + 1 + chainLength);
        return result;
    }
}
