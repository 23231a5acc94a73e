using Seratio.Core.Crypto;
using Seratio.Core.State;
using Seratio.Core.Storage;
using Seratio.Protocol;

namespace Seratio.Node.Chain.Retention;

/// <summary>
/// Deletes the heights that fall out of the <see cref="ChainRetention"/> window, oldest first, one height per
/// RocksDB batch that also raises the persisted "earliest" marker: a crash leaves each height either whole or
/// gone, and the next run resumes at the marker. Pruning is local: it never touches a kept root, a kept
/// value, the head or the latest state, so state roots do not depend on it.
/// <para>
/// State of height V goes when V + 1 becomes the oldest kept height. Tree nodes are content addressed and
/// shared between versions, so the nodes V held and V + 1 does not (<see cref="TreeDiff"/>, a walk of the
/// changed paths only) are deleted unless a later block wrote the same node again, which its birth record
/// (column StateNodeBirths: the last height that wrote the node) shows: a node written again after V is live
/// in the version that wrote it and is kept. The check and the delete run under the commit lock, so no block
/// can write such a node in between. History entries of the keys whose value changed at V + 1 are deleted up
/// to V (up to V + 1 when the key was deleted then). A node written before birth records existed has none and
/// is kept: safe, at the cost of some dead nodes in stores older than this pruner.
/// </para>
/// <para>Blocks: the block, its hash index, commit, receipts and transaction index entries of height h go in one batch.</para>
/// Called from one thread at a time (<see cref="RetentionService"/>); safe against concurrent commits and reads.
/// </summary>
public sealed class ChainPruner
{
    private readonly ChainDatabase _chain;
    private readonly StoredNodes _nodes;

    public ChainPruner(ChainDatabase chain)
    {
        _chain = chain ?? throw new ArgumentNullException(nameof(chain));
        _nodes = new StoredNodes(chain.Store);
    }

    /// <summary>Prunes up to <paramref name="maxHeights"/> heights of state and as many of blocks; returns how many heights went.</summary>
    public PruneProgress Prune(int maxHeights, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxHeights);
        int states = 0, blocks = 0;
        while (states < maxHeights && !cancellationToken.IsCancellationRequested && PruneNextState()) states++;
        while (blocks < maxHeights && !cancellationToken.IsCancellationRequested && PruneNextBlock()) blocks++;
        return new PruneProgress(states, blocks, _chain.EarliestStateHeight, _chain.EarliestBlockHeight);
    }

    /// <summary>Deletes the state of the oldest kept height when the window has moved past it; false when there is none to delete.</summary>
    public bool PruneNextState()
    {
        ulong version = _chain.EarliestStateHeight;
        ulong head = _chain.Head.Height;
        if (version >= _chain.Retention.StateFloor(head)) return false;
        var older = _chain.StateRootAt(version) ?? throw new InvalidDataException($"no state root stored for height {version}");
        var newer = _chain.StateRootAt(version + 1) ?? throw new InvalidDataException($"no state root stored for height {version + 1}");
        var removed = TreeDiff.Removed(_nodes, older, newer);
        var dead = DeadNodes(removed.Nodes, version);
        var history = SupersededHistory(removed.Keys, version);

        _chain.UnderCommitLock(headNow =>
        {
            // A block committed since the births were read may have written one of these nodes again.
            if (headNow != head) dead = DeadNodes(dead, version);
            using var batch = _chain.Store.CreateBatch();
            foreach (var node in dead)
            {
                var key = node.ToArray();
                batch.Delete(Column.StateNodes, key);
                batch.Delete(Column.StateNodeBirths, key);
            }
            foreach (var key in history) batch.Delete(Column.StateHistory, key);
            batch.Put(Column.Meta, ChainKeys.MetaEarliestState, ChainKeys.Height(version + 1));
            _chain.RaiseEarliestState(version + 1);
            _chain.Store.Write(batch, sync: false);
        });
        return true;
    }

    /// <summary>Deletes the oldest kept block when the window has moved past it; false when there is none to delete.</summary>
    public bool PruneNextBlock()
    {
        ulong height = _chain.EarliestBlockHeight;
        if (height >= _chain.Retention.BlockFloor(_chain.Head.Height)) return false;
        var heightKey = ChainKeys.Height(height);
        var stored = _chain.Store.Get(Column.Blocks, heightKey);
        _chain.UnderCommitLock(_ =>
        {
            using var batch = _chain.Store.CreateBatch();
            if (stored is not null)
            {
                var block = Block.Parser.ParseFrom(stored);
                batch.Delete(Column.Blocks, heightKey);
                batch.Delete(Column.Blocks, ChainKeys.BlockByHash(BlockHashing.HeaderHash(block.Header)));
                for (int i = 0; i < block.Txs.Count; i++)
                {
                    batch.Delete(Column.Txs, Hashing.Hash(Domains.Tx, Tx.Parser.ParseFrom(block.Txs[i]).Body.Span).ToArray());
                    batch.Delete(Column.Receipts, ChainKeys.Receipt(height, (uint)i));
                }
            }
            batch.Delete(Column.Commits, heightKey);
            batch.Put(Column.Meta, ChainKeys.MetaEarliestBlock, ChainKeys.Height(height + 1));
            _chain.RaiseEarliestBlock(height + 1);
            _chain.Store.Write(batch, sync: false);
        });
        return true;
    }

    /// <summary>The nodes among <paramref name="candidates"/> whose last write was at or before <paramref name="version"/>.</summary>
    private List<Hash32> DeadNodes(IReadOnlyList<Hash32> candidates, ulong version)
    {
        var dead = new List<Hash32>(candidates.Count);
        foreach (var node in candidates)
            if (_chain.Store.Get(Column.StateNodeBirths, node.ToArray()) is { } birth && ChainKeys.ReadHeight(birth) <= version)
                dead.Add(node);
        return dead;
    }

    /// <summary>History keys no kept height reads: each changed key's entries up to <paramref name="version"/>, and its deletion at version + 1.</summary>
    private List<byte[]> SupersededHistory(IReadOnlyList<TreeDiffKey> keys, ulong version)
    {
        var entries = new List<byte[]>();
        foreach (var (key, deleted) in keys)
        {
            ulong last = deleted ? version + 1 : version;
            foreach (var entry in _chain.Store.Scan(Column.StateHistory, key.ToArray(), ChainKeys.History(key, 0)))
            {
                if (ChainKeys.ReadHeight(entry.Key.AsSpan(Hash32.Size)) > last) break;
                entries.Add(entry.Key);
            }
        }
        return entries;
    }

    /// <summary>Tree nodes read straight from the store: old versions' nodes must not crowd the chain's node cache.</summary>
    private sealed class StoredNodes(IKeyValueStore store) : ITreeNodeSource
    {
        public byte[]? GetNode(in Hash32 hash) => store.Get(Column.StateNodes, hash.ToArray());
    }
}

/// <summary>What one <see cref="ChainPruner.Prune"/> call did, and the lowest heights kept after it. An immutable value.</summary>
public readonly record struct PruneProgress(int States, int Blocks, ulong EarliestState, ulong EarliestBlock);
