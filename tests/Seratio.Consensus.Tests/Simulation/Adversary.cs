using Google.Protobuf;
using Seratio.Consensus.Messages;
using Seratio.Consensus.Votes;
using Seratio.Core.Crypto;
using Seratio.Protocol;

namespace Seratio.Consensus.Tests.Simulation;

/// <summary>
/// The byzantine behaviours: they sign with the raw key, bypassing the double-sign guard, and
/// choose per recipient what to send. Deterministic given the generator. Not thread safe.
/// </summary>
internal sealed class Adversary(SimRandom rng)
{
    private static readonly SigningKey Outsider = SigningKey.ForTesting("sim-outsider");

    public long Equivocations { get; private set; }
    public long DoubleVotes { get; private set; }
    public long GarbageSent { get; private set; }

    /// <summary>What <paramref name="node"/> sends to <paramref name="peer"/> when its engine broadcasts <paramref name="message"/>.</summary>
    public byte[]? ForPeer(SimNode node, ConsensusMessage message, int peer, long now)
    {
        switch (node.Behaviour)
        {
            case Behaviour.Silent:
                return null;
            case Behaviour.Equivocator when message.KindCase == ConsensusMessage.KindOneofCase.Proposal
                                            && (peer % 2 == 1 || message.Proposal.PolRound >= 0):
                // Half the peers get another block; a re-proposal of a locked value is replaced by a fresh block for
                // everyone, tempting locked validators to abandon their lock.
                Equivocations++;
                return new ConsensusMessage { Proposal = OtherProposal(node, message.Proposal, now, peer % 2 == 0) }.ToByteArray();
            case Behaviour.DoubleVoter when message.KindCase == ConsensusMessage.KindOneofCase.Vote && peer % 2 == 1:
                DoubleVotes++;
                return new ConsensusMessage { Vote = OtherVote(node, message.Vote) }.ToByteArray();
            default:
                return message.ToByteArray();
        }
    }

    /// <summary>A spray of things an honest node must drop (or, for validly signed ones, count only once).</summary>
    public IEnumerable<byte[]> Garbage(SimNode node, ulong height, uint round, IReadOnlyList<PublicKey> validators)
    {
        GarbageSent += 6;
        yield return rng.Bytes(rng.Int(0, 200));
        var forged = SignedVote(node.Key, VoteStep.Prevote, height, round, Hash(rng));
        forged.Validator = rng.Pick(validators).ToByteString(); // someone else's name on our signature
        yield return Wrap(forged);
        var badType = SignedVote(node.Key, VoteStep.Precommit, height, round, Hash(rng));
        badType.Type = (VoteType)7;
        yield return Wrap(badType);
        var truncated = SignedVote(node.Key, VoteStep.Prevote, height, round, Hash(rng));
        truncated.BlockHash = ByteString.CopyFrom(rng.Bytes(rng.Int(1, 31)));
        yield return Wrap(truncated);
        yield return Wrap(SignedVote(Outsider, VoteStep.Precommit, height, round, Hash(rng)));
        // Validly signed by us, for a block nobody has, in this or a nearby round.
        yield return Wrap(SignedVote(node.Key, rng.Chance(500) ? VoteStep.Prevote : VoteStep.Precommit, height, round + (uint)rng.Int(0, 3), Hash(rng)));
        var block = SimBlocks.Build(height, Hash(rng), node.Key.PublicKey, 0, rng.Next(), rng.Chance(500));
        var bad = new Proposal
        {
            Height = height, Round = round, PolRound = rng.Chance(500) ? (int)round + 3 : -1, Block = block,
            Proposer = node.Key.PublicKey.ToByteString(),
        };
        bad.Signature = ByteString.CopyFrom(node.Key.Sign(ProposalSignBytes.Create(SimBlocks.ChainId, height, round, bad.PolRound, BlockIds.Of(block))));
        yield return new ConsensusMessage { Proposal = bad }.ToByteArray();
    }

    private Proposal OtherProposal(SimNode node, Proposal original, long now, bool even)
    {
        var parent = new Hash32(original.Block.Header.ParentHash.Span);
        // One fresh block per (height, round, half), so that each half sees a consistent block.
        var block = SimBlocks.Build(original.Height, parent, node.Key.PublicKey, now, original.Height * 1000 + original.Round * 2 + (even ? 1UL : 0UL), valid: true);
        var hash = BlockIds.Of(block);
        return new Proposal
        {
            Height = original.Height, Round = original.Round, PolRound = -1, Block = block, Proposer = original.Proposer,
            Signature = ByteString.CopyFrom(node.Key.Sign(ProposalSignBytes.Create(SimBlocks.ChainId, original.Height, original.Round, -1, hash))),
        };
    }

    private Vote OtherVote(SimNode node, Vote original)
    {
        VoteTypes.TryToStep(original.Type, out var step);
        var other = original.BlockHash.IsEmpty || rng.Chance(500) ? Hash(rng) : Hash32.Zero;
        return SignedVote(node.Key, step, original.Height, original.Round, other);
    }

    private static Vote SignedVote(SigningKey key, VoteStep step, ulong height, uint round, Hash32 hash) => new()
    {
        Type = VoteTypes.ToType(step), Height = height, Round = round, BlockHash = MessageChecks.BlockHashBytes(hash),
        Validator = key.PublicKey.ToByteString(),
        Signature = ByteString.CopyFrom(key.Sign(VoteSignBytes.Create(SimBlocks.ChainId, height, round, step, hash))),
    };

    private static byte[] Wrap(Vote vote) => new ConsensusMessage { Vote = vote }.ToByteArray();

    private static Hash32 Hash(SimRandom rng) => new(rng.Bytes(Hash32.Size));
}
