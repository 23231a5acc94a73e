using Google.Protobuf;
using Seratio.Core.Crypto;
using Seratio.Protocol;

namespace Seratio.Node.Chain;

/// <summary>Hashes that name blocks and commits. Pure; thread safe.</summary>
public static class BlockHashing
{
    /// <summary>Block hash: SHA-256("seratio/header" || encoded header).</summary>
    public static Hash32 HeaderHash(BlockHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        return Hashing.Hash(Domains.Header, header.ToByteArray());
    }

    /// <summary>
    /// The header's last_commit_hash: SHA-256("seratio/commit" || encoded commit);
    /// <see cref="Hash32.Zero"/> without a commit (height 1).
    /// </summary>
    public static Hash32 CommitHash(Commit? commit) =>
        commit is null ? Hash32.Zero : Hashing.Hash(Domains.Commit, commit.ToByteArray());
}
