using Google.Protobuf;
using Seratio.Consensus.Validators;
using Seratio.Consensus.Votes;
using Seratio.Core.Crypto;
using Seratio.Protocol;

namespace Seratio.Consensus.Messages;

/// <summary>
/// Structural and signature checks of incoming proposals and votes: anything a peer sends is
/// checked here before the engine counts it. Pure; thread safe.
/// </summary>
public static class MessageChecks
{
    public static MessageCheckResult CheckVote(Vote vote, ValidatorSet validators, string chainId, out CheckedVote result)
    {
        ArgumentNullException.ThrowIfNull(vote);
        ArgumentNullException.ThrowIfNull(validators);
        result = default;
        if (!VoteTypes.TryToStep(vote.Type, out var step)) return MessageCheckResult.Malformed;
        if (!TryReadBlockHash(vote.BlockHash, out var blockHash)) return MessageCheckResult.Malformed;
        if (vote.Validator.Length != PublicKey.Size || vote.Signature.Length != Ed25519.SignatureSize) return MessageCheckResult.Malformed;
        var key = new PublicKey(vote.Validator.Span);
        if (!validators.TryGetPower(key, out ulong power)) return MessageCheckResult.UnknownValidator;
        var bytes = VoteSignBytes.Create(chainId, vote.Height, vote.Round, step, blockHash);
        if (!key.Verify(bytes, vote.Signature.Span)) return MessageCheckResult.BadSignature;
        result = new CheckedVote(step, vote.Height, vote.Round, blockHash, key, power, vote);
        return MessageCheckResult.Valid;
    }

    /// <summary>Checks a proposal; <paramref name="proposer"/> is the proposer of its (height, round).</summary>
    public static MessageCheckResult CheckProposal(Proposal proposal, PublicKey proposer, string chainId, out CheckedProposal result)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        result = default;
        if (proposal.Block?.Header is not { } header || header.Height != proposal.Height) return MessageCheckResult.Malformed;
        if (proposal.PolRound < -1 || (long)proposal.PolRound >= proposal.Round) return MessageCheckResult.Malformed;
        if (proposal.Proposer.Length != PublicKey.Size || proposal.Signature.Length != Ed25519.SignatureSize) return MessageCheckResult.Malformed;
        var key = new PublicKey(proposal.Proposer.Span);
        if (key != proposer) return MessageCheckResult.NotProposer;
        var blockHash = BlockIds.Of(proposal.Block);
        var bytes = ProposalSignBytes.Create(chainId, proposal.Height, proposal.Round, proposal.PolRound, blockHash);
        if (!key.Verify(bytes, proposal.Signature.Span)) return MessageCheckResult.BadSignature;
        result = new CheckedProposal(proposal.Height, proposal.Round, proposal.PolRound, proposal.Block, blockHash, key, proposal);
        return MessageCheckResult.Valid;
    }

    /// <summary>Empty is nil (<see cref="Hash32.Zero"/>); 32 non-zero bytes are a block; anything else is malformed.</summary>
    public static bool TryReadBlockHash(ByteString bytes, out Hash32 hash)
    {
        hash = Hash32.Zero;
        if (bytes.IsEmpty) return true;
        if (bytes.Length != Hash32.Size) return false;
        hash = new Hash32(bytes.Span);
        return !hash.IsZero;
    }

    public static ByteString BlockHashBytes(Hash32 hash) => hash.IsZero ? ByteString.Empty : hash.ToByteString();
}
