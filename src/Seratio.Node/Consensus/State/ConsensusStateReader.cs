using Seratio.Consensus.Engine;
using Seratio.Consensus.Validators;
using Seratio.Node.Chain;
using Seratio.Node.Production;

namespace Seratio.Node.Consensus.State;

/// <summary>
/// Answers "where is consensus on this node" from whichever component runs it: the consensus driver on a
/// multi-validator chain (or an observer), the block producer on a one-validator chain (with the driver's
/// peers when the node also has a peer network), or, with neither, a plain observer view of the chain.
/// Thread safe.
/// </summary>
public sealed class ConsensusStateReader(IChainReader chain, ConsensusDriver? driver = null, BlockProducer? producer = null)
{
    private readonly ValidatorSet _validators = ValidatorSet.FromGenesis(chain.Genesis);

    public async Task<ConsensusSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        if (producer is { CanProduce: true })
        {
            var produced = await producer.SnapshotAsync(cancellationToken).ConfigureAwait(false);
            if (driver is null) return produced;
            var network = await driver.SnapshotAsync(cancellationToken).ConfigureAwait(false);
            return produced with { Peers = network.Peers, Syncing = network.Syncing };
        }
        if (driver is not null) return await driver.SnapshotAsync(cancellationToken).ConfigureAwait(false);
        ulong head = chain.Head.Height;
        return new ConsensusSnapshot(ConsensusRole.Observer, _validators.Count == 1, false, head, head + 1, 0, null, null, -1, default, -1, default, 0,
            [.. _validators.Validators.Select(v => new ValidatorRoundVotes(v.Key, v.Power, null, null))], []);
    }
}
