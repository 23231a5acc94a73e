using Microsoft.Extensions.Logging;
using Seratio.Node.Blocks;
using Seratio.Node.Chain;
using Seratio.Node.P2P;
using Seratio.Protocol;

namespace Seratio.Node.Consensus;

/// <summary>
/// The driver's side of block sync: decodes sync-channel payloads, answers status and requests through
/// <see cref="BlockSync"/>, and commits a peer's certified block once <see cref="BlockSync.CheckCommit"/> and
/// <see cref="BlockCandidates.Check"/> accept it (a bad one makes the peer distrusted). Committing and resuming
/// consensus at the new tip are the driver's, passed in. Not thread safe: the driver's loop owns it.
/// </summary>
internal sealed class SyncHandler(ChainDatabase chain, BlockSync sync, BlockCandidates candidates, ILogger logger, Metrics.INodeMetrics metrics,
    Func<AssembledBlock, Commit, CommittedBlock> commit, Action committed)
{
    public void OnPayload(PeerMessage message)
    {
        if (!SyncMessages.TryDecode(message.Payload, out var decoded))
        {
            ConsensusLog.Malformed(logger, "sync", message.From.ToString());
            return;
        }
        switch (decoded.Kind)
        {
            case SyncKind.Status:
                sync.OnStatus(message.From, decoded.Height);
                if (decoded.Height > chain.Head.Height) RequestBlocks();
                break;
            case SyncKind.Request:
                sync.OnRequest(message.From, decoded.Height, decoded.Count);
                break;
            case SyncKind.Block:
                Apply(message.From, decoded.Block!, decoded.Commit!);
                break;
            case SyncKind.Pruned:
                if (sync.OnPruned(message.From, decoded.Height))
                {
                    ConsensusLog.SyncPeerPruned(logger, message.From.ToString(), decoded.Height, chain.Head.Height + 1);
                    RequestBlocks();
                }
                break;
        }
    }

    /// <summary>Asks the best peer for the blocks after the head, when a peer announced a higher one.</summary>
    public void RequestBlocks()
    {
        if (sync.RequestIfBehind() is { } request)
            ConsensusLog.SyncRequest(logger, request.Peer.ToString(), request.Height, request.From);
    }

    private void Apply(PeerId from, Block block, Commit certificate)
    {
        var reason = sync.CheckCommit(from, block, certificate);
        if (reason is null) return; // not the next block: an old one, or one the next request brings
        var check = BlockCheck.Valid;
        AssembledBlock? assembled = null;
        if (reason.Length == 0) check = candidates.Check(block, out assembled);
        if (reason.Length > 0 || check != BlockCheck.Valid)
        {
            ConsensusLog.RefusedSyncBlock(logger, block.Header.Height, from.ToString(), reason.Length > 0 ? reason : check.ToString());
            sync.Distrust(from);
            return;
        }
        var done = commit(assembled!, certificate);
        ConsensusLog.Synced(logger, done.Height, done.Txs.Count, from.ToString(), done.Hash);
        metrics.BlockSynced();
        sync.OnCommitted();
        committed();
        RequestBlocks();
    }
}
