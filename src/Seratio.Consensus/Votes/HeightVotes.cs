using Seratio.Consensus.Messages;
using Seratio.Consensus.Validators;
using Seratio.Core.Crypto;

namespace Seratio.Consensus.Votes;

/// <summary>
/// All prevotes and precommits of one height, by round, and which validators sent anything in a
/// round (for the round skip on more than 1/3 of the power). Rounds iterate in ascending order. Not thread safe.
/// </summary>
public sealed class HeightVotes
{
    private readonly ValidatorSet _validators;
    private readonly SortedDictionary<uint, RoundVotes> _rounds = [];

    public HeightVotes(ValidatorSet validators, ulong height)
    {
        _validators = validators ?? throw new ArgumentNullException(nameof(validators));
        Height = height;
    }

    public ulong Height { get; }

    /// <summary>Rounds that hold any message, ascending.</summary>
    public IEnumerable<uint> Rounds => _rounds.Keys;

    public VoteSet Prevotes(uint round) => Get(round).Prevotes;
    public VoteSet Precommits(uint round) => Get(round).Precommits;

    public VoteSet Of(VoteStep step, uint round) => step switch
    {
        VoteStep.Prevote => Prevotes(round),
        VoteStep.Precommit => Precommits(round),
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, "only prevotes and precommits are counted"),
    };

    public VoteAddResult Add(in CheckedVote vote, bool countConflicting, out CheckedVote existing)
    {
        var result = Of(vote.Step, vote.Round).Add(vote, countConflicting, out existing);
        NoteSender(vote.Round, vote.Validator, vote.Power);
        return result;
    }

    /// <summary>Records that <paramref name="validator"/> sent a message (proposal or vote) in <paramref name="round"/>.</summary>
    public void NoteSender(uint round, PublicKey validator, ulong power)
    {
        var r = Get(round);
        if (r.Senders.Add(validator)) r.SenderPower += power;
    }

    /// <summary>More than 1/3 of the power sent messages in <paramref name="round"/> (the paper's f+1).</summary>
    public bool HasOneThirdIn(uint round) =>
        _rounds.TryGetValue(round, out var r) && (UInt128)r.SenderPower * 3 > _validators.TotalPower;

    /// <summary>The vote sets of <paramref name="round"/> when it holds any message; unlike <see cref="Prevotes"/>, never adds the round.</summary>
    public bool TryGetRound(uint round, out VoteSet? prevotes, out VoteSet? precommits)
    {
        if (_rounds.TryGetValue(round, out var r)) { prevotes = r.Prevotes; precommits = r.Precommits; return true; }
        prevotes = precommits = null;
        return false;
    }

    private RoundVotes Get(uint round)
    {
        if (!_rounds.TryGetValue(round, out var r))
        {
            r = new RoundVotes(new VoteSet(_validators, Height, round, VoteStep.Prevote), new VoteSet(_validators, Height, round, VoteStep.Precommit));
            _rounds.Add(round, r);
        }
        return r;
    }

    private sealed class RoundVotes(VoteSet prevotes, VoteSet precommits)
    {
        public VoteSet Prevotes { get; } = prevotes;
        public VoteSet Precommits { get; } = precommits;
        public HashSet<PublicKey> Senders { get; } = [];
        public ulong SenderPower { get; set; }
    }
}
