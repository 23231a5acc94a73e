using Google.Protobuf;
using Seratio.Consensus.Messages;
using Seratio.Consensus.Validators;
using Seratio.Consensus.Votes;
using Seratio.Core.Crypto;
using Seratio.Protocol;

namespace Seratio.Consensus.Tests.Simulation;

/// <summary>
/// Checks the locking discipline of honest validators against every prevote signed anywhere in the
/// run (honest ones as they are signed, byzantine ones as they are sent): an honest validator
/// precommits a block only when more than 2/3 prevoted it in that round, and once it precommitted v
/// in round r it prevotes another block v' in a later round r'' only if more than 2/3 prevoted v' in a
/// round in [r, r'') (a proof of lock it may have seen). Not thread safe.
/// </summary>
internal sealed class LockMonitor(ValidatorSet validators)
{
    private readonly Dictionary<(ulong Height, uint Round, Hash32 Hash), HashSet<PublicKey>> _prevotes = [];
    private readonly Dictionary<PublicKey, (ulong Height, uint Round, Hash32 Hash)> _lastBlockPrecommit = [];

    /// <summary>A message a byzantine validator sent; validly signed prevotes count towards proofs of lock.</summary>
    public void ObserveSent(byte[] bytes)
    {
        ConsensusMessage message;
        try { message = ConsensusMessage.Parser.ParseFrom(bytes); }
        catch (InvalidProtocolBufferException) { return; }
        if (message.KindCase != ConsensusMessage.KindOneofCase.Vote || message.Vote.Type != VoteType.Prevote) return;
        if (MessageChecks.CheckVote(message.Vote, validators, SimBlocks.ChainId, out var v) == MessageCheckResult.Valid)
            Prevoted(v.Validator, v.Height, v.Round, v.BlockHash);
    }

    /// <summary>An honest signature; returns what it violates, or null.</summary>
    public string? OnHonestSigned(PublicKey who, VoteStep step, ulong height, uint round, Hash32 hash)
    {
        if (step == VoteStep.Prevote)
        {
            Prevoted(who, height, round, hash);
            if (!hash.IsZero && _lastBlockPrecommit.TryGetValue(who, out var locked) && locked.Height == height && locked.Hash != hash && locked.Round < round)
            {
                for (uint r = locked.Round; r < round; r++)
                    if (HasQuorum(height, r, hash)) return null;
                return $"locking: prevoted {hash} at {height}/{round} while locked on {locked.Hash} since round {locked.Round}, with no proof of lock for it";
            }
        }
        if (step == VoteStep.Precommit && !hash.IsZero)
        {
            if (!HasQuorum(height, round, hash)) return $"precommitted {hash} at {height}/{round} without prevotes of more than 2/3 for it";
            _lastBlockPrecommit[who] = (height, round, hash);
        }
        return null;
    }

    private void Prevoted(PublicKey who, ulong height, uint round, Hash32 hash)
    {
        if (!_prevotes.TryGetValue((height, round, hash), out var set)) _prevotes.Add((height, round, hash), set = []);
        set.Add(who);
    }

    private bool HasQuorum(ulong height, uint round, Hash32 hash)
    {
        if (!_prevotes.TryGetValue((height, round, hash), out var set)) return false;
        ulong power = 0;
        foreach (var key in set)
            if (validators.TryGetPower(key, out ulong p)) power += p;
        return validators.IsQuorum(power);
    }
}
