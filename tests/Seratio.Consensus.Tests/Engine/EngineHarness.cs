using Google.Protobuf;
using Seratio.Consensus.Engine;
using Seratio.Consensus.Messages;
using Seratio.Consensus.Signing;
using Seratio.Consensus.Tests.Simulation;
using Seratio.Consensus.Validators;
using Seratio.Consensus.Votes;
using Seratio.Consensus.Wal;
using Seratio.Core.Crypto;
using Seratio.Protocol;

namespace Seratio.Consensus.Tests.Engine;

/// <summary>One engine under test plus the keys of the other validators, to feed it signed messages.</summary>
internal sealed class EngineHarness
{
    public const string ChainId = SimBlocks.ChainId;

    public static readonly TimeoutOptions Timeouts = new()
    {
        ProposeMs = 1000, ProposeDeltaMs = 100, PrevoteMs = 500, PrevoteDeltaMs = 50, PrecommitMs = 500, PrecommitDeltaMs = 50, MaxMs = 5000,
    };

    public EngineHarness(int self, params ulong[] powers) : this(self, new InMemorySignerStateStore(), new InMemoryConsensusWal(), powers) { }

    public EngineHarness(int self, InMemorySignerStateStore store, InMemoryConsensusWal wal, params ulong[] powers)
    {
        (Set, Keys) = TestValidators.Build(powers);
        Self = self;
        Store = store;
        Wal = wal;
        Engine = new ConsensusEngine(ChainId, Timeouts, new GuardedSigner(new DoubleSignGuard(store, Keys[self]), ChainId), wal);
    }

    public ValidatorSet Set { get; }
    public SigningKey[] Keys { get; }
    public int Self { get; }
    public InMemorySignerStateStore Store { get; }
    public InMemoryConsensusWal Wal { get; }
    public ConsensusEngine Engine { get; }

    /// <summary>The index (into <see cref="Keys"/>) of the proposer of (height, round).</summary>
    public int ProposerIndex(ulong height, uint round)
    {
        var key = ProposerRotation.ProposerAt(Set, height, round);
        return Array.FindIndex(Keys, k => k.PublicKey == key);
    }

    /// <summary>The smallest round ≥ <paramref name="from"/> whose proposer is (or is not) this engine's validator.</summary>
    public uint RoundWhereProposerIs(bool self, uint from = 0, ulong height = 1)
    {
        for (uint r = from; ; r++)
            if ((ProposerIndex(height, r) == Self) == self) return r;
    }

    public static Block Block(ulong height, string salt, bool valid = true) =>
        SimBlocks.Build(height, Hash32.Zero, TestValidators.Key(0).PublicKey, 0,
            BitConverter.ToUInt64(Hash32.Sha256(System.Text.Encoding.UTF8.GetBytes(salt)).ToArray(), 0), valid);

    public Proposal Proposal(ulong height, uint round, Block block, int polRound = -1, int? by = null)
    {
        var key = Keys[by ?? ProposerIndex(height, round)];
        var hash = BlockIds.Of(block);
        return new Proposal
        {
            Height = height, Round = round, PolRound = polRound, Block = block, Proposer = key.PublicKey.ToByteString(),
            Signature = ByteString.CopyFrom(key.Sign(ProposalSignBytes.Create(ChainId, height, round, polRound, hash))),
        };
    }

    public Vote Vote(int by, VoteStep step, ulong height, uint round, Hash32 hash) => new()
    {
        Type = VoteTypes.ToType(step), Height = height, Round = round, BlockHash = MessageChecks.BlockHashBytes(hash),
        Validator = Keys[by].PublicKey.ToByteString(),
        Signature = ByteString.CopyFrom(Keys[by].Sign(VoteSignBytes.Create(ChainId, height, round, step, hash))),
    };

    /// <summary>Feeds votes of <paramref name="voters"/> and returns all outputs.</summary>
    public List<ConsensusOutput> Votes(VoteStep step, ulong height, uint round, Hash32 hash, params int[] voters)
    {
        var outputs = new List<ConsensusOutput>();
        foreach (int v in voters) outputs.AddRange(Engine.OnVote(Vote(v, step, height, round, hash)));
        return outputs;
    }

    /// <summary>Others = every validator but this one.</summary>
    public int[] Others => Enumerable.Range(0, Keys.Length).Where(i => i != Self).ToArray();

    public static IEnumerable<Vote> BroadcastVotes(IEnumerable<ConsensusOutput> outputs) =>
        outputs.OfType<Broadcast>().Where(b => b.Message.KindCase == ConsensusMessage.KindOneofCase.Vote).Select(b => b.Message.Vote);

    public static Vote SingleVote(IEnumerable<ConsensusOutput> outputs, VoteType type) => Assert.Single(BroadcastVotes(outputs), v => v.Type == type);

    public static Hash32 HashOf(Vote vote) => vote.BlockHash.IsEmpty ? Hash32.Zero : new Hash32(vote.BlockHash.Span);
}
