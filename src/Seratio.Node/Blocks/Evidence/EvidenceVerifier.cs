using Google.Protobuf;
using Seratio.Consensus.Evidence;
using Seratio.Core.Crypto;
using Seratio.Core.Merkle;
using Seratio.Node.Chain;
using Seratio.Node.Validators;
using Seratio.Protocol;
using Seratio.Vm.Execution;
using Seratio.Vm.Modules.Validators;
using Seratio.Vm.State;

namespace Seratio.Node.Blocks.Evidence;

/// <summary>
/// The node's rules for evidence (docs/consensus.md, "Evidence"): canonical duplicate votes, each signed by a
/// validator of V(evidence height) (<see cref="DuplicateVotes.Check"/>), at most params.evidence_max_age_heights
/// below the including height, not committed yet. Turns admissible evidence into what the Vm sees
/// (<see cref="BlockEvidence"/>). Thread safe (reads committed state only).
/// </summary>
public sealed class EvidenceVerifier(ChainDatabase chain, ValidatorSets validators)
{
    /// <summary>Most evidence one block may carry.</summary>
    public const int MaxPerBlock = 32;

    /// <summary>The evidence's id: SHA-256("seratio/evidence" || encoded Evidence).</summary>
    public static Hash32 Hash(Seratio.Protocol.Evidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return Hashing.Hash(Domains.Evidence, evidence.ToByteArray());
    }

    /// <summary>The header's evidence_root: the binary Merkle root of the encoded evidence; empty when there is none.</summary>
    public static ByteString Root(IReadOnlyList<Seratio.Protocol.Evidence> evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        if (evidence.Count == 0) return ByteString.Empty;
        return BinaryMerkle.Root(evidence.Select(e => (ReadOnlyMemory<byte>)e.ToByteArray()).ToList()).ToByteString();
    }

    /// <summary>The canonical evidence of two conflicting votes found by the engine.</summary>
    public static Seratio.Protocol.Evidence Wrap(DuplicateVoteEvidence duplicate)
    {
        ArgumentNullException.ThrowIfNull(duplicate);
        return Canonical(duplicate);
    }

    /// <summary>Checks <paramref name="evidence"/> for inclusion in the block at <paramref name="includingHeight"/>.</summary>
    public EvidenceCheck Check(Seratio.Protocol.Evidence evidence, ulong includingHeight, out BlockEvidence described)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        described = default;
        if (evidence.DuplicateVote is not { VoteA: { } a, VoteB: { } b } duplicate
            || a.Validator.Length != PublicKey.Size || a.Height == 0) return EvidenceCheck.Malformed;
        if (!evidence.Equals(Canonical(duplicate))) return EvidenceCheck.NotCanonical;
        ulong height = a.Height;
        if (height > includingHeight || height > validators.KnownUpTo) return EvidenceCheck.FutureHeight;
        if (includingHeight - height > chain.Genesis.Params.EvidenceMaxAgeHeights) return EvidenceCheck.TooOld;
        switch (DuplicateVotes.Check(duplicate, validators.For(height), chain.ChainId))
        {
            case EvidenceCheckResult.Valid: break;
            case EvidenceCheckResult.InvalidVote: return EvidenceCheck.InvalidVotes;
            default: return EvidenceCheck.NoConflict;
        }
        var hash = Hash(evidence);
        if (chain.LatestState.Get(ValidatorKeys.Evidence(hash)) is not null) return EvidenceCheck.AlreadyCommitted;
        described = new BlockEvidence(hash, new PublicKey(a.Validator.Span), height, a.Round, a.Type);
        return EvidenceCheck.Valid;
    }

    /// <summary>Whether the chain committed the evidence <paramref name="hash"/>.</summary>
    public bool IsCommitted(Hash32 hash) => chain.LatestState.Get(ValidatorKeys.Evidence(hash)) is not null;

    /// <summary>Committed evidence by hash, from the latest state.</summary>
    public EvidenceRecord? Committed(Hash32 hash) => ValidatorStore.ReadEvidence(new ReadOnlyStateView(chain.LatestState), hash);

    /// <summary>Votes copied with known fields only, the vote for the lower block hash (nil lowest) first.</summary>
    private static Seratio.Protocol.Evidence Canonical(DuplicateVoteEvidence duplicate)
    {
        var a = Clean(duplicate.VoteA);
        var b = Clean(duplicate.VoteB);
        if (Key(b).SequenceCompareTo(Key(a)) < 0) (a, b) = (b, a);
        return new Seratio.Protocol.Evidence { DuplicateVote = new DuplicateVoteEvidence { VoteA = a, VoteB = b } };
    }

    private static ReadOnlySpan<byte> Key(Vote vote) => vote.BlockHash.IsEmpty ? new byte[Hash32.Size] : vote.BlockHash.Span;

    private static Vote Clean(Vote vote) => new()
    {
        Type = vote.Type, Height = vote.Height, Round = vote.Round, BlockHash = vote.BlockHash, Validator = vote.Validator, Signature = vote.Signature,
    };
}
