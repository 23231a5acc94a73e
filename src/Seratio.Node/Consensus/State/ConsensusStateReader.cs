using Seratio.Consensus.Engine;
using Seratio.Node.Validators;
using Seratio.Node.Chain;

namespace Seratio.Node.Consensus.State;

/// <summary>
/// Answers "where is consensus on this node": the consensus driver's snapshot (every chain runs it, one validator
/// or many, voting or following), or, on a host without one, a plain observer view of the chain. Thread safe.
/// </summary>
public sealed class ConsensusStateReader(IChainReader chain, ConsensusDriver? driver = null)
{
    private readonly ValidatorSets _sets = new(chain);

    public async Task<ConsensusSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        if (driver is not null) return await driver.SnapshotAsync(cancellationToken).ConfigureAwait(false);
        ulong head = chain.Head.Height;
        var validators = _sets.For(head + 1);
        return new ConsensusSnapshot(ConsensusRole.Observer, validators.Count == 1, false, head, head + 1, 0, null, null, -1, default, -1, default, 0,
            [.. validators.Validators.Select(v => new ValidatorRoundVotes(v.Key, v.Power, null, null))], []);
    }
}
