using Seratio.Core.State;
using Seratio.Core.Crypto;
using Seratio.Protocol;

namespace Seratio.Node.Chain;

/// <summary>Read side of the chain database, for the API and the mempool. Thread safe.</summary>
public interface IChainReader
{
    string ChainId { get; }
    Hash32 GenesisHash { get; }
    Core.Chain.Genesis Genesis { get; }

    /// <summary>The last committed block (height 0 = genesis state, no block yet).</summary>
    ChainHead Head { get; }

    BlockRecord? GetBlock(ulong height);
    BlockRecord? GetBlock(Hash32 hash);
    TxRecord? GetTx(Hash32 hash);

    /// <summary>How many recent heights the node keeps; an archive by default.</summary>
    Retention.ChainRetention Retention => Chain.Retention.ChainRetention.Archive;

    /// <summary>The lowest height whose state (values, proofs) is held; 0 = every height.</summary>
    ulong EarliestStateHeight => 0;

    /// <summary>The lowest height whose block is held; 1 = every block.</summary>
    ulong EarliestBlockHeight => 1;

    /// <summary>
    /// State value under <paramref name="key"/> as of the end of <paramref name="height"/> (≤ head); throws
    /// <see cref="Retention.HeightPrunedException"/> below <see cref="EarliestStateHeight"/>.
    /// </summary>
    byte[]? GetState(Hash32 key, ulong height);

    /// <summary>
    /// The newest committed state: at least as new as <see cref="Head"/> was when read (a block
    /// committing meanwhile may already show). The node's is cached and cheap; this default
    /// reads the history at the head.
    /// </summary>
    IStateReader LatestState => new ChainStateReader(this, Head.Height);

    /// <summary>State root after <paramref name="height"/>; null above the head.</summary>
    Hash32? StateRootAt(ulong height);

    /// <summary>Proof of <paramref name="key"/> against <see cref="StateRootAt"/>(<paramref name="height"/>), value filled in.</summary>
    StateProof Prove(Hash32 key, ulong height);

    /// <summary>A stream of blocks as they commit; the reader completes when the node stops.</summary>
    System.Threading.Channels.ChannelReader<CommittedBlock> Subscribe(CancellationToken cancellationToken);
}

public sealed record ChainHead(ulong Height, Hash32 BlockHash, Hash32 StateRoot, long TimeUnixMs);
public sealed record BlockRecord(Block Block, Hash32 Hash, Commit? Commit);
public sealed record TxRecord(byte[] Tx, Receipt Receipt, Hash32 BlockHash);
