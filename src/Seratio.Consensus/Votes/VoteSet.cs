using Seratio.Consensus.Messages;
using Seratio.Consensus.Validators;
using Seratio.Core.Crypto;

namespace Seratio.Consensus.Votes;

/// <summary>What adding a vote to a <see cref="VoteSet"/> did.</summary>
public enum VoteAddResult
{
    Added,
    /// <summary>The validator's vote here is already counted (same block).</summary>
    Duplicate,
    /// <summary>The validator already voted here for another block: evidence; the first vote stays counted.</summary>
    Conflict,
}

/// <summary>
/// The votes of one type at one (height, round): at most one counted vote per validator (the
/// first), power tallies per block hash (<see cref="Hash32.Zero"/> = nil). Because each validator
/// counts once, at most one hash can hold a quorum. Not thread safe.
/// </summary>
public sealed class VoteSet
{
    private readonly ValidatorSet _validators;
    private readonly Dictionary<PublicKey, CheckedVote> _byValidator = [];
    private readonly Dictionary<Hash32, ulong> _powerByHash = [];

    public VoteSet(ValidatorSet validators, ulong height, uint round, VoteStep step)
    {
        _validators = validators ?? throw new ArgumentNullException(nameof(validators));
        Height = height;
        Round = round;
        Step = step;
    }

    public ulong Height { get; }
    public uint Round { get; }
    public VoteStep Step { get; }

    /// <summary>Power of all counted votes, whatever they are for.</summary>
    public ulong TotalPower { get; private set; }

    public int Count => _byValidator.Count;

    public VoteAddResult Add(in CheckedVote vote, out CheckedVote existing)
    {
        if (vote.Height != Height || vote.Round != Round || vote.Step != Step)
            throw new ArgumentException($"vote {vote.Height}/{vote.Round}/{vote.Step} added to the set of {Height}/{Round}/{Step}", nameof(vote));
        if (_byValidator.TryGetValue(vote.Validator, out existing))
            return existing.BlockHash == vote.BlockHash ? VoteAddResult.Duplicate : VoteAddResult.Conflict;
        _byValidator.Add(vote.Validator, vote);
        _powerByHash[vote.BlockHash] = PowerFor(vote.BlockHash) + vote.Power;
        TotalPower += vote.Power;
        return VoteAddResult.Added;
    }

    public bool TryGet(PublicKey validator, out CheckedVote vote) => _byValidator.TryGetValue(validator, out vote);

    public ulong PowerFor(Hash32 blockHash) => _powerByHash.TryGetValue(blockHash, out ulong p) ? p : 0;

    /// <summary>More than 2/3 of the power voted, for anything (the paper's "2f+1 ⟨·, ∗⟩").</summary>
    public bool HasQuorumAny => _validators.IsQuorum(TotalPower);

    public bool HasQuorumFor(Hash32 blockHash) => _validators.IsQuorum(PowerFor(blockHash));

    /// <summary>The hash (possibly nil) that more than 2/3 of the power voted for, if any.</summary>
    public bool TryGetQuorum(out Hash32 blockHash)
    {
        // At most one hash can hold a quorum; scanning validators in key order keeps this independent of dictionary order.
        foreach (var v in _validators.Validators)
        {
            if (_byValidator.TryGetValue(v.Key, out var vote) && HasQuorumFor(vote.BlockHash))
            {
                blockHash = vote.BlockHash;
                return true;
            }
        }
        blockHash = default;
        return false;
    }

    /// <summary>The counted votes for <paramref name="blockHash"/>, sorted by validator key.</summary>
    public IReadOnlyList<CheckedVote> VotesFor(Hash32 blockHash)
    {
        var result = new List<CheckedVote>();
        foreach (var v in _validators.Validators)
            if (_byValidator.TryGetValue(v.Key, out var vote) && vote.BlockHash == blockHash) result.Add(vote);
        return result;
    }

    /// <summary>Every counted vote, sorted by validator key.</summary>
    public IReadOnlyList<CheckedVote> All()
    {
        var result = new List<CheckedVote>(_byValidator.Count);
        foreach (var v in _validators.Validators)
            if (_byValidator.TryGetValue(v.Key, out var vote)) result.Add(vote);
        return result;
    }
}
