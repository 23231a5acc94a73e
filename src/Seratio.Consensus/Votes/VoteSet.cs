using Seratio.Consensus.Messages;
using Seratio.Consensus.Validators;
using Seratio.Core.Crypto;

namespace Seratio.Consensus.Votes;

/// <summary>What adding a vote to a <see cref="VoteSet"/> did.</summary>
public enum VoteAddResult
{
    Added,
    /// <summary>The validator's vote for this block is already held.</summary>
    Duplicate,
    /// <summary>The validator already voted here for another block: evidence. The new vote is counted only when asked to.</summary>
    Conflict,
}

/// <summary>
/// The votes of one type at one (height, round), with power tallies per block hash
/// (<see cref="Hash32.Zero"/> = nil). A validator's first vote is its counted vote for
/// <see cref="TotalPower"/>; a conflicting vote (an equivocator's) is also tallied for its block
/// when the caller asks, as a byzantine validator may have shown each peer a different vote and
/// a relayed proof of lock must still count. Each validator adds its power at most once per hash, so
/// with less than 1/3 byzantine power at most one hash can hold a quorum. Not thread safe.
/// </summary>
public sealed class VoteSet
{
    private readonly ValidatorSet _validators;
    private readonly Dictionary<PublicKey, List<CheckedVote>> _byValidator = [];
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

    /// <summary>Power of the validators that voted, for anything, each counted once.</summary>
    public ulong TotalPower { get; private set; }

    /// <summary>Number of validators that voted.</summary>
    public int Count => _byValidator.Count;

    /// <summary>
    /// Adds <paramref name="vote"/>. A validator's first vote is always counted; a vote for another block
    /// returns <see cref="VoteAddResult.Conflict"/> with the first one and is tallied only when
    /// <paramref name="countConflicting"/>.
    /// </summary>
    public VoteAddResult Add(in CheckedVote vote, bool countConflicting, out CheckedVote existing)
    {
        if (vote.Height != Height || vote.Round != Round || vote.Step != Step)
            throw new ArgumentException($"vote {vote.Height}/{vote.Round}/{vote.Step} added to the set of {Height}/{Round}/{Step}", nameof(vote));
        if (!_byValidator.TryGetValue(vote.Validator, out var list))
        {
            _byValidator.Add(vote.Validator, [vote]);
            Tally(vote);
            TotalPower += vote.Power;
            existing = vote;
            return VoteAddResult.Added;
        }
        existing = list[0];
        foreach (var held in list)
            if (held.BlockHash == vote.BlockHash) return VoteAddResult.Duplicate;
        if (countConflicting)
        {
            list.Add(vote);
            Tally(vote);
        }
        return VoteAddResult.Conflict;
    }

    /// <summary>True when a vote of <paramref name="validator"/> for <paramref name="blockHash"/> is held.</summary>
    public bool Holds(PublicKey validator, Hash32 blockHash)
    {
        if (!_byValidator.TryGetValue(validator, out var list)) return false;
        foreach (var held in list)
            if (held.BlockHash == blockHash) return true;
        return false;
    }

    /// <summary>The validator's first vote here.</summary>
    public bool TryGet(PublicKey validator, out CheckedVote vote)
    {
        if (_byValidator.TryGetValue(validator, out var list)) { vote = list[0]; return true; }
        vote = default;
        return false;
    }

    public ulong PowerFor(Hash32 blockHash) => _powerByHash.TryGetValue(blockHash, out ulong p) ? p : 0;

    /// <summary>More than 2/3 of the power voted, for anything (the paper's "2f+1 ⟨·, ∗⟩").</summary>
    public bool HasQuorumAny => _validators.IsQuorum(TotalPower);

    public bool HasQuorumFor(Hash32 blockHash) => _validators.IsQuorum(PowerFor(blockHash));

    /// <summary>A hash (possibly nil) that more than 2/3 of the power voted for, if any; the first in validator-key order.</summary>
    public bool TryGetQuorum(out Hash32 blockHash)
    {
        foreach (var v in _validators.Validators)
        {
            if (!_byValidator.TryGetValue(v.Key, out var list)) continue;
            foreach (var vote in list)
            {
                if (HasQuorumFor(vote.BlockHash)) { blockHash = vote.BlockHash; return true; }
            }
        }
        blockHash = default;
        return false;
    }

    /// <summary>The votes for <paramref name="blockHash"/>, one per validator, sorted by validator key.</summary>
    public IReadOnlyList<CheckedVote> VotesFor(Hash32 blockHash)
    {
        var result = new List<CheckedVote>();
        foreach (var v in _validators.Validators)
        {
            if (!_byValidator.TryGetValue(v.Key, out var list)) continue;
            foreach (var vote in list)
                if (vote.BlockHash == blockHash) { result.Add(vote); break; }
        }
        return result;
    }

    /// <summary>Every vote held (first votes and counted conflicting ones), sorted by validator key.</summary>
    public IReadOnlyList<CheckedVote> All()
    {
        var result = new List<CheckedVote>(_byValidator.Count);
        foreach (var v in _validators.Validators)
            if (_byValidator.TryGetValue(v.Key, out var list)) result.AddRange(list);
        return result;
    }

    private void Tally(in CheckedVote vote) => _powerByHash[vote.BlockHash] = PowerFor(vote.BlockHash) + vote.Power;
}
