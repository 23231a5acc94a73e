using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Seratio.Node.Blocks.Evidence;
using Seratio.Node.Chain;
using Seratio.Node.P2P;
using Seratio.Protocol;

namespace Seratio.Node.Consensus.Evidence;

/// <summary>
/// The driver's evidence duties (docs/consensus.md, "Evidence"): evidence found by the engine or received
/// from peers enters the <see cref="EvidencePool"/> when admissible in the next block and is broadcast once
/// on the consensus channel; proposers take <see cref="Pending"/>; after each commit what was committed or
/// aged out leaves. Not thread safe: the driver's loop owns it (<see cref="Count"/> may be read by anyone).
/// </summary>
public sealed class EvidenceGossip(ChainDatabase chain, EvidenceVerifier verifier, IPeerNetwork network, ILogger logger)
{
    private readonly EvidencePool _pool = new();
    private int _count;

    /// <summary>Evidence waiting for a block (a snapshot, for status and tests).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>What a proposer may include, oldest first (re-checked when the block is built).</summary>
    public IReadOnlyList<Seratio.Protocol.Evidence> Pending => _pool.All();

    /// <summary>This node's engine saw two conflicting votes.</summary>
    public void OnFound(DuplicateVoteEvidence duplicate)
    {
        var evidence = EvidenceVerifier.Wrap(duplicate);
        if (Admit(evidence)) network.Broadcast(PeerChannel.Consensus, new ConsensusMessage { Evidence = evidence.DuplicateVote }.ToByteArray());
    }

    /// <summary>Evidence from a peer: kept and relayed once when admissible in the next block, else dropped.</summary>
    public void OnPeer(DuplicateVoteEvidence duplicate, PeerMessage message)
    {
        if (Admit(new Seratio.Protocol.Evidence { DuplicateVote = duplicate })) network.Broadcast(PeerChannel.Consensus, message.Payload);
    }

    /// <summary>After a commit: evidence the chain committed, or that aged out, leaves the pool.</summary>
    public void OnCommitted()
    {
        if (_pool.Count == 0) return;
        ulong next = chain.Head.Height + 1;
        _pool.Prune(e => verifier.Check(e, next, out _) is not (EvidenceCheck.Valid or EvidenceCheck.FutureHeight));
        Volatile.Write(ref _count, _pool.Count);
    }

    private bool Admit(Seratio.Protocol.Evidence evidence)
    {
        var check = verifier.Check(evidence, chain.Head.Height + 1, out var described);
        if (check != EvidenceCheck.Valid)
        {
            ConsensusLog.EvidenceRefused(logger, check.ToString());
            return false;
        }
        bool added = _pool.Add(evidence, described.Hash, described.Height);
        if (added) ConsensusLog.EvidencePooled(logger, described.Validator.ToString(), described.Height, described.Hash);
        Volatile.Write(ref _count, _pool.Count);
        return added;
    }
}
