using Seratio.Consensus.Validators;
using Seratio.Core.Crypto;
using Seratio.Protocol;

namespace Seratio.Consensus.Votes;

/// <summary>Why a commit certificate was refused.</summary>
public enum CommitVerifyResult
{
    Valid,
    Malformed,
    UnknownValidator,
    DuplicateValidator,
    BadSignature,
    InsufficientPower,
}

/// <summary>
/// Checks a commit certificate: precommit signatures over (chain id, height, round, block hash)
/// by distinct validators of the set whose power is more than 2/3 of the total. Pure; thread safe.
/// </summary>
public static class CommitVerifier
{
    public static bool Verify(Commit commit, ValidatorSet validators, string chainId, out string reason) =>
        Check(commit, validators, chainId, out reason) == CommitVerifyResult.Valid;

    public static CommitVerifyResult Check(Commit commit, ValidatorSet validators, string chainId, out string reason)
    {
        ArgumentNullException.ThrowIfNull(commit);
        ArgumentNullException.ThrowIfNull(validators);
        if (commit.BlockHash.Length != Hash32.Size)
        {
            reason = $"commit block_hash must be {Hash32.Size} bytes, got {commit.BlockHash.Length}";
            return CommitVerifyResult.Malformed;
        }
        var signBytes = VoteSignBytes.Create(chainId, commit.Height, commit.Round, VoteStep.Precommit, new Hash32(commit.BlockHash.Span));
        var seen = new HashSet<PublicKey>();
        ulong power = 0;
        for (int i = 0; i < commit.Signatures.Count; i++)
        {
            var sig = commit.Signatures[i];
            if (sig.Validator.Length != PublicKey.Size || sig.Signature.Length != Ed25519.SignatureSize)
            {
                reason = $"signature {i} must carry a {PublicKey.Size}-byte key and a {Ed25519.SignatureSize}-byte signature";
                return CommitVerifyResult.Malformed;
            }
            var key = new PublicKey(sig.Validator.Span);
            if (!validators.TryGetPower(key, out ulong p))
            {
                reason = $"signature {i} is by {key}, which is not in the validator set {validators.Hash}";
                return CommitVerifyResult.UnknownValidator;
            }
            if (!seen.Add(key))
            {
                reason = $"validator {key} signs the commit twice";
                return CommitVerifyResult.DuplicateValidator;
            }
            if (!key.Verify(signBytes, sig.Signature.Span))
            {
                reason = $"signature {i} by {key} does not verify for height {commit.Height} round {commit.Round}";
                return CommitVerifyResult.BadSignature;
            }
            power += p;
        }
        if (!validators.IsQuorum(power))
        {
            reason = $"commit carries power {power} of {validators.TotalPower}; more than 2/3 is needed";
            return CommitVerifyResult.InsufficientPower;
        }
        reason = "";
        return CommitVerifyResult.Valid;
    }
}
