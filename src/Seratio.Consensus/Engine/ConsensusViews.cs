using Seratio.Consensus.Votes;
using Seratio.Core.Crypto;

namespace Seratio.Consensus.Engine;

/// <summary>Builds a <see cref="ConsensusView"/> from a height's state without changing it. Pure read.</summary>
internal static class ConsensusViews
{
    public static ConsensusView Of(HeightState state, PublicKey proposer)
    {
        var validators = new List<ValidatorRoundVotes>(state.Validators.Count);
        bool held = state.Votes.TryGetRound(state.Round, out var prevotes, out var precommits);
        foreach (var v in state.Validators.Validators)
            validators.Add(new ValidatorRoundVotes(v.Key, v.Power, held ? First(prevotes!, v.Key) : null, held ? First(precommits!, v.Key) : null));
        return new ConsensusView(state.Height, state.Round, state.Step, proposer, state.LockedRound, state.LockedHash,
            state.ValidRound, state.ValidHash, state.Decision is not null, validators);
    }

    private static Hash32? First(VoteSet set, PublicKey validator) => set.TryGet(validator, out var vote) ? vote.BlockHash : null;
}
