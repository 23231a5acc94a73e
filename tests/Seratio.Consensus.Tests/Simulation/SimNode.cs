using Seratio.Consensus.Engine;
using Seratio.Consensus.Signing;
using Seratio.Consensus.Votes;
using Seratio.Consensus.Wal;
using Seratio.Core.Crypto;
using Seratio.Protocol;

namespace Seratio.Consensus.Tests.Simulation;

/// <summary>A block a node committed, with its certificate.</summary>
internal sealed record CommittedEntry(Block Block, Hash32 Hash, Commit Commit);

/// <summary>
/// One validator of the simulation. Durable across crashes: the signer state (fsynced before any
/// signature), the synced part of the WAL and the committed chain. Volatile: the engine and its timers.
/// </summary>
internal sealed class SimNode
{
    public SimNode(int index, SigningKey key, Behaviour behaviour, bool sometimesInvalid)
    {
        Index = index;
        Key = key;
        Behaviour = behaviour;
        SometimesInvalidProposer = sometimesInvalid;
    }

    public int Index { get; }
    public SigningKey Key { get; }
    public Behaviour Behaviour { get; }
    public bool IsHonest => Behaviour == Behaviour.Honest;
    public bool SometimesInvalidProposer { get; }

    public InMemorySignerStateStore SignerStore { get; } = new();
    public InMemoryConsensusWal Wal { get; } = new();
    public List<CommittedEntry> Chain { get; } = [];

    public ConsensusEngine? Engine { get; set; }
    public bool Up => Engine is not null;
    /// <summary>Bumped by each crash, so that timers and deliveries meant for an earlier life are dropped.</summary>
    public int Incarnation { get; set; }
    public (ulong Height, uint Round, VoteStep Step) LastTickState { get; set; }

    public ulong NextHeight => (ulong)Chain.Count + 1;
    public Hash32 ParentHash => Chain.Count == 0 ? Hash32.Zero : Chain[^1].Hash;

    public override string ToString() => $"v{Index}({Behaviour})";
}

/// <summary>
/// Wraps a node's real signer and reports every signature to the simulation, which checks that
/// no honest validator ever signs two different blocks at one (height, round, step).
/// </summary>
internal sealed class RecordingSigner(IConsensusSigner inner, Action<VoteStep, ulong, uint, Hash32> signed) : IConsensusSigner
{
    public PublicKey PublicKey => inner.PublicKey;

    public bool TrySignProposal(ulong height, uint round, int polRound, Hash32 blockHash, ReadOnlyMemory<byte> encodedBlock, out byte[] signature)
    {
        if (!inner.TrySignProposal(height, round, polRound, blockHash, encodedBlock, out signature)) return false;
        signed(VoteStep.Propose, height, round, blockHash);
        return true;
    }

    public bool TrySignVote(VoteStep step, ulong height, uint round, Hash32 blockHash, out byte[] signature)
    {
        if (!inner.TrySignVote(step, height, round, blockHash, out signature)) return false;
        signed(step, height, round, blockHash);
        return true;
    }
}

/// <summary>A broken safety or liveness property, with what is needed to replay it.</summary>
internal sealed class SimulationFailure(string message) : Exception(message);
