using System.Text.Json.Serialization;
using Google.Protobuf;
using Seratio.Protocol;

namespace Seratio.Client.Proofs;

/// <summary>
/// The block header of a proof's height and the commit certificate that certifies it, as a proof document carries
/// them (<c>"block": {"header": hex, "commit": hex}</c>): the exact protobuf bytes the chain hashes and the validators
/// signed, so nothing is re-serialised before it is checked. Immutable; thread safe.
/// </summary>
public sealed record BlockEvidence
{
    /// <summary>The encoded <see cref="BlockHeader"/>, lowercase hex; the block hash is SHA-256("seratio/header" || these bytes).</summary>
    [JsonPropertyName("header")] public required string Header { get; init; }

    /// <summary>The encoded <see cref="Seratio.Protocol.Commit"/> of that block, lowercase hex.</summary>
    [JsonPropertyName("commit")] public required string Commit { get; init; }

    /// <summary>The evidence of a block the node served; null when it has no commit for it yet.</summary>
    public static BlockEvidence? From(BlockResponse block)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (block.Block?.Header is null || block.Commit is null) return null;
        return new BlockEvidence
        {
            Header = Convert.ToHexStringLower(block.Block.Header.ToByteArray()),
            Commit = Convert.ToHexStringLower(block.Commit.ToByteArray()),
        };
    }

    /// <summary>The decoded header; <see cref="FormatException"/> naming the field when it is not hex or not a header.</summary>
    public BlockHeader DecodeHeader() => Decode(BlockHeader.Parser, Header, "block.header");

    /// <summary>The decoded commit; <see cref="FormatException"/> naming the field when it is not hex or not a commit.</summary>
    public Commit DecodeCommit() => Decode(Seratio.Protocol.Commit.Parser, Commit, "block.commit");

    private static T Decode<T>(MessageParser<T> parser, string hex, string field) where T : IMessage<T>
    {
        byte[] bytes;
        try { bytes = Convert.FromHexString(hex); }
        catch (FormatException) { throw new FormatException($"{field} is not hex"); }
        try { return parser.ParseFrom(bytes); }
        catch (InvalidProtocolBufferException ex) { throw new FormatException($"{field} is not an encoded {typeof(T).Name}: {ex.Message}"); }
    }
}
