namespace Seratio.Node.Consensus;

/// <summary>How large this node's proposals are, and how long the propose step waits for one of that size. Pure.</summary>
internal static class ProposalSizing
{
    /// <summary>Most transactions in one proposal: <see cref="ConsensusOptions.ProposalMaxTxs"/> within the genesis' max_block_txs.</summary>
    public static int Cap(ConsensusOptions options, int maxBlockTxs) =>
        options.ProposalMaxTxs > 0 ? Math.Min(options.ProposalMaxTxs, maxBlockTxs) : maxBlockTxs;

    /// <summary>
    /// Extra propose time for the block this node expects: the transactions its mempool holds, up to what one proposal
    /// carries, at <see cref="ConsensusOptions.ProposeMsPerThousandTxs"/>. Every validator's pool holds about the same
    /// (gossip), so they wait about as long as the proposer needs to build and send that block.
    /// </summary>
    public static long AllowanceMs(ConsensusOptions options, int pending, int cap) =>
        (long)Math.Min(pending, cap) * options.ProposeMsPerThousandTxs / 1000;
}
