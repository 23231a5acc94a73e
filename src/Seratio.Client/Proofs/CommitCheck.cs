using Seratio.Consensus.Votes;
using Google.Protobuf;
using Seratio.Core.Crypto;
using Seratio.Protocol;

namespace Seratio.Client.Proofs;

/// <summary>
/// Decides whether a block header can be believed without the node's word: its commit certificate must be for this
/// header's hash at this height, the header must name the trusted validator set (<c>validators_hash</c>) and the
/// trusted chain id, and more than 2/3 of the trusted power must have signed it — the same
/// <see cref="CommitVerifier"/> and sign bytes (chain id, height, round, precommit, block hash) a node uses for block
/// sync. A header that passes anchors a state proof through its <c>state_root</c>. Pure; thread safe.
/// </summary>
public static class CommitCheck
{
    /// <summary>Checks <paramref name="evidence"/> for <paramref name="height"/>; on success <paramref name="header"/> is the trusted header.</summary>
    public static bool Check(BlockEvidence evidence, ulong height, TrustedValidators trusted, out BlockHeader? header, out string reason)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(trusted);
        header = null;
        BlockHeader candidate;
        Commit commit;
        try
        {
            candidate = evidence.DecodeHeader();
            commit = evidence.DecodeCommit();
        }
        catch (FormatException ex) { return Fail(ex.Message, out reason); }

        if (candidate.Height != height) return Fail($"the header is of height {candidate.Height}, the proof of height {height}", out reason);
        if (trusted.ChainId is { } chainId && candidate.ChainId != chainId)
            return Fail($"the header is of chain '{candidate.ChainId}', the trusted {trusted.Source} is of chain '{chainId}'", out reason);
        var hash = HeaderHash(candidate);
        if (commit.Height != candidate.Height || !commit.BlockHash.Span.SequenceEqual(hash.ToArray()))
            return Fail($"the commit certifies block {Convert.ToHexStringLower(commit.BlockHash.Span)} at height {commit.Height}, not this header ({hash} at height {candidate.Height})", out reason);
        var trustedHash = trusted.Set.Hash.ToArray();
        if (!candidate.ValidatorsHash.Span.SequenceEqual(trustedHash))
            return Fail($"block {height} names validator set {Convert.ToHexStringLower(candidate.ValidatorsHash.Span)}, not the trusted set {trusted.Set.Hash} of the {trusted.Source}; "
                + $"trust the set of that height instead (`seratio validators --height {height} -o json`, checked by you)", out reason);
        if (CommitVerifier.Check(commit, trusted.Set, candidate.ChainId, out var why) != CommitVerifyResult.Valid)
            return Fail($"the commit does not certify the header: {why}", out reason);
        header = candidate;
        reason = "";
        return true;
    }

    /// <summary>The block hash: SHA-256("seratio/header" || encoded header), as the node's BlockHashing computes it.</summary>
    public static Hash32 HeaderHash(BlockHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        return Hashing.Hash(Domains.Header, header.ToByteArray());
    }

    private static bool Fail(string why, out string reason)
    {
        reason = why;
        return false;
    }
}
