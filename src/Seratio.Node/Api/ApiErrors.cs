using Google.Protobuf;
using Grpc.Core;
using Seratio.Core.Addressing;
using Seratio.Core.Crypto;

namespace Seratio.Node.Api;

/// <summary>Request field checks and error constructors of the API edge. Every message names the field and the fix.</summary>
internal static class ApiErrors
{
    /// <summary>The most characters of one request field echoed in a message (<see cref="Core.Text.SafeText"/>).</summary>
    public const int EchoChars = Core.Text.SafeText.DefaultMaxChars;

    /// <summary>The most characters of a status detail; longer ones, and control characters, are cut and escaped by <see cref="ApiErrorInterceptor"/>.</summary>
    public const int MaxDetailChars = 1_000;

    public static RpcException Invalid(string message) => new(new Status(StatusCode.InvalidArgument, message));
    public static RpcException NotFound(string message) => new(new Status(StatusCode.NotFound, message));
    public static RpcException OutOfRange(string message) => new(new Status(StatusCode.OutOfRange, message));

    public static RpcException AboveHead(string field, ulong height, ulong head) =>
        OutOfRange($"{field} {height} is above the latest height {head}; ask for at most {head}, or 0 for the latest");

    /// <summary>NotFound for a block below what the node keeps, saying which blocks it keeps (docs/operations.md, "Retention").</summary>
    public static RpcException BlockGone(Chain.IChainReader chain, ulong height)
    {
        ulong earliest = chain.EarliestBlockHeight;
        return NotFound(height < earliest
            ? chain.Retention.BlockPruned(height, earliest, chain.Head.Height)
            : $"block {height} is no longer stored on this node; ask an archive node");
    }

    /// <summary>NotFound for state below what the node keeps, saying which heights it keeps.</summary>
    public static RpcException StateGone(Chain.Retention.HeightPrunedException pruned) => NotFound(pruned.Message);

    public static Hash32 RequireHash(ByteString value, string field)
    {
        if (value.Length != Hash32.Size)
            throw Invalid(value.Length == 0
                ? $"{field} is required: {Hash32.Size} bytes"
                : $"{field} must be {Hash32.Size} bytes, got {value.Length}");
        return new Hash32(value.Span);
    }

    public static Address RequireAddress(string value, string field)
    {
        if (string.IsNullOrEmpty(value)) throw Invalid($"{field} is required: a bech32m address starting with '{Address.Prefix}1'");
        if (!Address.TryParse(value, out var address, out var error)) throw Invalid($"{field}: {error}");
        return address;
    }
}
