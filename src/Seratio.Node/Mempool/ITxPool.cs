using Seratio.Core.Transactions;
using Seratio.Node.Chain;

namespace Seratio.Node.Mempool;

/// <summary>
/// Pending transactions the proposer draws from. Thread safe: the API admits while consensus
/// reaps and the chain reports commits.
/// </summary>
public interface ITxPool
{
    int Count { get; }

    /// <summary>
    /// Up to <paramref name="maxTxs"/> transactions / <paramref name="maxBytes"/> bytes, each
    /// account's in nonce order without gaps, accounts interleaved in arrival order. Reaped
    /// transactions stay pending until <see cref="OnBlockCommitted"/> removes them.
    /// </summary>
    IReadOnlyList<SignedTx> Reap(int maxTxs, int maxBytes);

    /// <summary>Removes what the block included and re-checks the rest against the new state.</summary>
    void OnBlockCommitted(CommittedBlock block);
}
