using Seratio.Consensus.Validators;
using Seratio.Consensus.Votes;
using Seratio.Core.Crypto;
using Seratio.Protocol;

namespace Seratio.Client.Proofs;

/// <summary>One signature of a commit certificate as a reader sees it: who signed, with what power, and whether it verifies.</summary>
/// <param name="Index">Its position in the commit.</param>
/// <param name="Validator">The signer's Ed25519 public key, hex.</param>
/// <param name="Power">The signer's power in the set (0 when it is not in the set).</param>
/// <param name="InSet">Whether the signer is a validator of the set.</param>
/// <param name="Valid">Whether the signature verifies over the precommit sign bytes of this block.</param>
public sealed record CommitSignature(int Index, string Validator, ulong Power, bool InSet, bool Valid);

/// <summary>
/// Every signature of a commit, each checked on its own over the precommit sign bytes (chain id, height, round, block
/// hash) a node uses — what a page shows beside the overall verdict of <see cref="CommitCheck"/>. Pure; thread safe.
/// </summary>
public static class CommitSignatures
{
    /// <summary>The most signatures examined (a commit of a hostile document could carry many).</summary>
    public const int MaxSignatures = 256;

    /// <summary>The signatures of <paramref name="commit"/> in commit order, checked against <paramref name="set"/>.</summary>
    public static IReadOnlyList<CommitSignature> Check(Commit commit, ValidatorSet set, string chainId)
    {
        ArgumentNullException.ThrowIfNull(commit);
        ArgumentNullException.ThrowIfNull(set);
        var rows = new List<CommitSignature>();
        if (commit.BlockHash.Length != Hash32.Size) return rows;
        var signBytes = VoteSignBytes.Create(chainId, commit.Height, commit.Round, VoteStep.Precommit, new Hash32(commit.BlockHash.Span));
        for (int i = 0; i < commit.Signatures.Count && i < MaxSignatures; i++)
        {
            var sig = commit.Signatures[i];
            string hex = Convert.ToHexStringLower(sig.Validator.Span);
            if (sig.Validator.Length != PublicKey.Size || sig.Signature.Length != Ed25519.SignatureSize)
            {
                rows.Add(new CommitSignature(i, hex, 0, false, false));
                continue;
            }
            var key = new PublicKey(sig.Validator.Span);
            bool inSet = set.TryGetPower(key, out ulong power);
            rows.Add(new CommitSignature(i, hex, power, inSet, key.Verify(signBytes, sig.Signature.Span)));
        }
        return rows;
    }
}
