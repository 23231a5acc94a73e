using System.Threading.Channels;
using Google.Protobuf;
using Seratio.Core.Chain;
using Seratio.Core.Crypto;
using Seratio.Core.State;
using Seratio.Core.Storage;
using Seratio.Node.Chain.Retention;
using Seratio.Node.Storage;
using Seratio.Protocol;

namespace Seratio.Node.Chain;

/// <summary>Raised when a store holds another chain than the genesis file names.</summary>
public sealed class GenesisMismatchException(string message) : InvalidOperationException(message);

/// <summary>
/// The node's chain store: blocks, commits, transaction index, receipts and versioned state in
/// one <see cref="IKeyValueStore"/> (layout: <see cref="ChainKeys"/>). Everything of a block is
/// written in one synced batch, so a crash leaves either all of it or none. One writer
/// (<see cref="Commit"/>, serialised by a lock) and any number of readers; thread safe. It stores
/// state, it does not define it: the genesis state comes from the caller (the Vm builds it).
/// With a <see cref="ChainRetention"/> that prunes, a <see cref="ChainPruner"/> deletes old heights under
/// the same lock; reads below <see cref="EarliestStateHeight"/> or <see cref="EarliestBlockHeight"/> are
/// refused (<see cref="HeightPrunedException"/>, or null for blocks), also when pruning overtakes a read.
/// </summary>
public sealed class ChainDatabase : IChainReader, ITreeNodeSource, IDisposable
{
    private readonly IKeyValueStore _store;
    private readonly bool _ownsStore;
    private readonly IStateCommitment _commitment;
    private readonly LatestStateReader _latest;
    private readonly TreeNodeCache _treeNodes;
    private readonly ChainSubscribers _subscribers = new();
    private readonly Lock _commitLock = new();
    private volatile ChainHead _head;
    private ulong _earliestState;
    private ulong _earliestBlock;

    /// <summary>
    /// Whether commits record each new tree node's height (column StateNodeBirths), which state pruning needs to
    /// tell a dropped node from one a later block wrote again. Off for a store that never pruned (an archive pays
    /// nothing); on, for good, from the first open with Storage:KeepStates set (marker MetaRecordsBirths), so a
    /// store that pruned, ran as an archive and prunes again never holds a stale record. Nodes written before
    /// recording began have none and are never pruned: safe, but their space is not reclaimed.
    /// </summary>
    private readonly bool _recordBirths;

    /// <param name="genesisState">
    /// Builds the state <paramref name="genesis"/> defines (Seratio.Vm.Genesis.GenesisState.Build): the
    /// changes, sorted by key, each key once. Called once, when the store is new; its root is height 0's.
    /// </param>
    /// <param name="commitment">Builds the state commitment over this database's nodes; default the sparse Merkle tree.</param>
    public ChainDatabase(IKeyValueStore store, Genesis genesis, Func<Genesis, IReadOnlyList<StateChange>> genesisState,
        Func<ITreeNodeSource, IStateCommitment>? commitment = null,
        bool ownsStore = true, int stateCacheEntries = 200_000, int treeNodeCacheEntries = 1 << 19, ChainRetention? retention = null)
    {
        Retention = retention ?? ChainRetention.Archive;
        _store = store ?? throw new ArgumentNullException(nameof(store));
        Genesis = genesis ?? throw new ArgumentNullException(nameof(genesis));
        ArgumentNullException.ThrowIfNull(genesisState);
        _ownsStore = ownsStore;
        _commitment = (commitment ?? (nodes => new SparseMerkleCommitment(nodes)))(this);
        _latest = new LatestStateReader(store, stateCacheEntries);
        _treeNodes = new TreeNodeCache(treeNodeCacheEntries);
        GenesisHash = genesis.Hash();
        _recordBirths = Retention.PrunesStates || _store.Get(Column.Meta, ChainKeys.MetaRecordsBirths) is not null;
        if (Retention.PrunesStates && _store.Get(Column.Meta, ChainKeys.MetaRecordsBirths) is null)
        {
            using var marker = _store.CreateBatch();
            marker.Put(Column.Meta, ChainKeys.MetaRecordsBirths, [1]);
            _store.Write(marker, sync: true);
        }
        _head = OpenOrInitialise(genesisState);
        _earliestState = _store.Get(Column.Meta, ChainKeys.MetaEarliestState) is { } s ? ChainKeys.ReadHeight(s) : 0;
        _earliestBlock = _store.Get(Column.Meta, ChainKeys.MetaEarliestBlock) is { } b ? ChainKeys.ReadHeight(b) : 1;
    }

    /// <summary>
    /// Opens (creating when missing) a RocksDB store in <paramref name="path"/>; the database owns it.
    /// <paramref name="genesisState"/> is as for the constructor.
    /// </summary>
    public static ChainDatabase Open(string path, Genesis genesis, Func<Genesis, IReadOnlyList<StateChange>> genesisState,
        Func<ITreeNodeSource, IStateCommitment>? commitment = null, ChainRetention? retention = null)
    {
        var store = new RocksDbStore(path);
        try { return new ChainDatabase(store, genesis, genesisState, commitment, retention: retention); }
        catch { store.Dispose(); throw; }
    }

    public string ChainId => Genesis.ChainId;
    public Hash32 GenesisHash { get; }
    public Genesis Genesis { get; }

    /// <summary>The last committed block; at height 0 its hash is the genesis hash and its root the genesis state's.</summary>
    public ChainHead Head => _head;

    /// <summary>How many recent heights this node keeps (Storage:KeepStates, Storage:KeepBlocks).</summary>
    public ChainRetention Retention { get; }

    /// <summary>The lowest height whose state (values and proofs) this node holds; 0 when it holds every height.</summary>
    public ulong EarliestStateHeight => Volatile.Read(ref _earliestState);

    /// <summary>The lowest height whose block, commit, receipts and transaction index this node holds; 1 when it holds every block.</summary>
    public ulong EarliestBlockHeight => Volatile.Read(ref _earliestBlock);

    /// <summary>The latest committed state, cached, for block execution.</summary>
    public IStateReader LatestState => _latest;

    /// <summary>The tree update that applying <paramref name="changes"/> to the head's state gives.</summary>
    public TreeUpdate ComputeStateUpdate(IReadOnlyList<StateChange> changes) => _commitment.Apply(_head.StateRoot, changes);

    private ChainHead OpenOrInitialise(Func<Genesis, IReadOnlyList<StateChange>> genesisState)
    {
        var stored = _store.Get(Column.Meta, ChainKeys.MetaGenesis);
        if (stored is not null)
        {
            if (new Hash32(stored) != GenesisHash)
            {
                var chain = _store.Get(Column.Meta, ChainKeys.MetaChainId) is { } id ? System.Text.Encoding.UTF8.GetString(id) : "?";
                throw new GenesisMismatchException(
                    $"The data directory belongs to chain '{chain}' with genesis {new Hash32(stored)}, but the genesis file " +
                    $"describes chain '{ChainId}' with genesis {GenesisHash}. Point the node at the right genesis file, or use an empty data directory.");
            }
            var head = _store.Get(Column.Meta, ChainKeys.MetaHead) ?? throw new InvalidDataException("store has a genesis but no head");
            return ChainKeys.ReadHead(head);
        }
        var changes = genesisState(Genesis) ?? throw new InvalidOperationException("the genesis state builder returned null");
        var update = _commitment.Apply(_commitment.EmptyRoot, changes);
        var genesisHead = new ChainHead(0, GenesisHash, update.Root, Genesis.GenesisTimeUnixMs);
        using var batch = _store.CreateBatch();
        WriteState(batch, 0, update, changes);
        batch.Put(Column.Meta, ChainKeys.MetaGenesis, GenesisHash.ToArray());
        batch.Put(Column.Meta, ChainKeys.MetaChainId, System.Text.Encoding.UTF8.GetBytes(ChainId));
        batch.Put(Column.Meta, ChainKeys.MetaHead, ChainKeys.Head(genesisHead));
        _store.Write(batch, sync: true);
        return genesisHead;
    }

    /// <summary>
    /// Writes the block, its commit, transaction index, receipts, tree nodes, state values and
    /// the new head in one synced batch; then moves the head and publishes the block.
    /// Throws <see cref="InvalidOperationException"/> if the block does not extend the head
    /// or its parts disagree (a bug in the caller). <paramref name="encodedBlock"/> and
    /// <paramref name="encodedReceipts"/>, when given, are the block's and receipts' protobuf
    /// encodings the proposer or validator already made (so they are not encoded twice).
    /// </summary>
    public void Commit(CommittedBlock block, TreeUpdate update, IReadOnlyList<StateChange> changes,
        byte[]? encodedBlock = null, IReadOnlyList<byte[]>? encodedReceipts = null)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(changes);
        lock (_commitLock)
        {
            var head = _head;
            var header = block.Block.Header;
            Check(header.Height == head.Height + 1, $"block height {header.Height} does not follow head {head.Height}");
            Check(header.ChainId == ChainId, $"block is for chain '{header.ChainId}'");
            Check(header.ParentHash.Span.SequenceEqual(head.BlockHash.ToArray()), $"block {header.Height} does not extend head {head.BlockHash}");
            Check(BlockHashing.HeaderHash(header) == block.Hash, "block hash does not match its header");
            Check(header.StateRoot.Span.SequenceEqual(update.Root.ToArray()), $"state root {update.Root} differs from the header's");
            Check(block.Commit.Height == header.Height && block.Commit.BlockHash.Span.SequenceEqual(block.Hash.ToArray()), "commit does not certify this block");
            Check(block.Txs.Count == block.Block.Txs.Count && block.Receipts.Count == block.Txs.Count && header.TxCount == block.Txs.Count,
                "transactions, receipts and tx_count disagree");
            Check(encodedReceipts is null || encodedReceipts.Count == block.Receipts.Count, "encoded receipts and receipts disagree");

            ulong height = header.Height;
            var heightKey = ChainKeys.Height(height);
            var newHead = new ChainHead(height, block.Hash, update.Root, header.TimeUnixMs);
            using (var batch = _store.CreateBatch())
            {
                batch.Put(Column.Blocks, heightKey, encodedBlock ?? block.Block.ToByteArray());
                batch.Put(Column.Blocks, ChainKeys.BlockByHash(block.Hash), heightKey);
                batch.Put(Column.Commits, heightKey, block.Commit.ToByteArray());
                for (int i = 0; i < block.Txs.Count; i++)
                {
                    batch.Put(Column.Txs, block.Txs[i].Hash.ToArray(), new TxLocation { Height = height, Index = (uint)i }.ToByteArray());
                    batch.Put(Column.Receipts, ChainKeys.Receipt(height, (uint)i), encodedReceipts?[i] ?? block.Receipts[i].ToByteArray());
                }
                WriteState(batch, height, update, changes);
                batch.Put(Column.Meta, ChainKeys.MetaHead, ChainKeys.Head(newHead));
                _store.Write(batch, sync: true);
            }
            _latest.Apply(changes);
            foreach (var (hash, node) in update.NewNodes) _treeNodes.Add(hash, node);
            _head = newHead;
        }
        _subscribers.Publish(block);
    }

    private void WriteState(IWriteBatch batch, ulong height, TreeUpdate update, IReadOnlyList<StateChange> changes)
    {
        var heightKey = ChainKeys.Height(height);
        foreach (var (hash, node) in update.NewNodes)
        {
            var key = hash.ToArray();
            batch.Put(Column.StateNodes, key, node);
            if (_recordBirths) batch.Put(Column.StateNodeBirths, key, heightKey);
        }
        Hash32? previous = null;
        foreach (var change in changes)
        {
            Check(previous is not { } p || p < change.Key, "state changes must be sorted by key, each key once");
            previous = change.Key;
            var key = change.Key.ToArray();
            if (change.Value is null) batch.Delete(Column.StateLatest, key);
            else batch.Put(Column.StateLatest, key, change.Value);
            batch.Put(Column.StateHistory, ChainKeys.History(change.Key, height), ChainKeys.HistoryValue(change.Value));
        }
        batch.Put(Column.Indexes, heightKey, update.Root.ToArray());
    }

    private static void Check(bool condition, string message)
    {
        if (!condition) throw new InvalidOperationException("Chain commit refused: " + message);
    }

    public BlockRecord? GetBlock(ulong height)
    {
        if (height == 0 || height > _head.Height || height < EarliestBlockHeight) return null;
        var key = ChainKeys.Height(height);
        var bytes = _store.Get(Column.Blocks, key);
        if (bytes is null) return null;
        var block = Block.Parser.ParseFrom(bytes);
        var commit = _store.Get(Column.Commits, key) is { } c ? Protocol.Commit.Parser.ParseFrom(c) : null;
        // Pruning may have taken the commit between the two reads: then the block counts as gone.
        return height < EarliestBlockHeight ? null : new BlockRecord(block, BlockHashing.HeaderHash(block.Header), commit);
    }

    public BlockRecord? GetBlock(Hash32 hash) =>
        _store.Get(Column.Blocks, ChainKeys.BlockByHash(hash)) is { } height ? GetBlock(ChainKeys.ReadHeight(height)) : null;

    /// <summary>The commit certifying the block at <paramref name="height"/>, if committed.</summary>
    public Commit? GetCommit(ulong height) =>
        height == 0 || height < EarliestBlockHeight ? null : _store.Get(Column.Commits, ChainKeys.Height(height)) is { } c ? Protocol.Commit.Parser.ParseFrom(c) : null;

    public TxRecord? GetTx(Hash32 hash)
    {
        if (_store.Get(Column.Txs, hash.ToArray()) is not { } loc) return null;
        var location = TxLocation.Parser.ParseFrom(loc);
        // Commit writes the index before it moves the head: a tx of the block being committed is not committed yet.
        if (location.Height > _head.Height || location.Height < EarliestBlockHeight) return null;
        var block = GetBlock(location.Height);
        var receipt = _store.Get(Column.Receipts, ChainKeys.Receipt(location.Height, location.Index));
        if (location.Height < EarliestBlockHeight) return null; // pruned while read
        if (block is null) throw new InvalidDataException($"tx {hash} points at missing block {location.Height}");
        if (receipt is null) throw new InvalidDataException($"tx {hash} has no receipt");
        return new TxRecord(block.Block.Txs[(int)location.Index].ToByteArray(), Receipt.Parser.ParseFrom(receipt), block.Hash);
    }

    /// <summary>
    /// The value of <paramref name="key"/> after <paramref name="height"/> (≤ head); throws <see cref="HeightPrunedException"/>
    /// below <see cref="EarliestStateHeight"/>, checked again after the read (pruning deletes history the read may have missed).
    /// </summary>
    public byte[]? GetState(Hash32 key, ulong height)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, _head.Height);
        ThrowIfStatePruned(height);
        var entry = _store.SeekForPrev(Column.StateHistory, key.ToArray(), ChainKeys.History(key, height));
        ThrowIfStatePruned(height);
        return entry is { } e ? ChainKeys.ReadHistoryValue(e.Value) : null;
    }

    private void ThrowIfStatePruned(ulong height)
    {
        ulong earliest = EarliestStateHeight;
        if (height < earliest) throw new HeightPrunedException(height, Retention.StatePruned(height, earliest, _head.Height));
    }

    public Hash32? StateRootAt(ulong height) =>
        height <= _head.Height && _store.Get(Column.Indexes, ChainKeys.Height(height)) is { } root ? new Hash32(root) : null;

    /// <summary>
    /// The proof of <paramref name="key"/> at <paramref name="height"/>, value filled in; throws <see cref="HeightPrunedException"/>
    /// below <see cref="EarliestStateHeight"/>, also when pruning removed nodes while the proof was built.
    /// </summary>
    public StateProof Prove(Hash32 key, ulong height)
    {
        var root = StateRootAt(height) ?? throw new ArgumentOutOfRangeException(nameof(height), $"height {height} is above the head {_head.Height}");
        ThrowIfStatePruned(height);
        StateProof proof;
        try { proof = _commitment.Prove(root, key); }
        catch (InvalidOperationException) when (height < EarliestStateHeight) { ThrowIfStatePruned(height); throw; }
        ThrowIfStatePruned(height);
        if (proof.Exists)
            proof.Value = ByteString.CopyFrom(GetState(key, height)
                ?? throw new InvalidDataException($"the tree at height {height} holds {key} but the state history does not"));
        return proof;
    }

    public ChannelReader<CommittedBlock> Subscribe(CancellationToken cancellationToken) => _subscribers.Subscribe(cancellationToken);

    /// <summary>The store, for the pruner's reads and batches.</summary>
    internal IKeyValueStore Store => _store;

    /// <summary>
    /// Runs <paramref name="write"/> with the head's height while no block commits: the pruner's last check and its
    /// batch, so that a block writing a node again cannot slip between the check and the delete.
    /// </summary>
    internal void UnderCommitLock(Action<ulong> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        lock (_commitLock) write(_head.Height);
    }

    /// <summary>Raises the lowest kept state height before the batch deleting below it is written, so reads racing the delete are refused.</summary>
    internal void RaiseEarliestState(ulong height) => RaiseTo(ref _earliestState, height);

    /// <summary>As <see cref="RaiseEarliestState"/>, for blocks.</summary>
    internal void RaiseEarliestBlock(ulong height) => RaiseTo(ref _earliestBlock, height);

    private static void RaiseTo(ref ulong field, ulong height)
    {
        ulong current;
        while ((current = Volatile.Read(ref field)) < height && Interlocked.CompareExchange(ref field, height, current) != current) { }
    }

    byte[]? ITreeNodeSource.GetNode(in Hash32 hash)
    {
        if (_treeNodes.TryGet(hash, out var cached)) return cached;
        var node = _store.Get(Column.StateNodes, hash.ToArray());
        if (node is not null) _treeNodes.Add(hash, node);
        return node;
    }

    /// <summary>
    /// Ends every subscription, then closes the store when the database owns it; reads after that throw
    /// <see cref="ObjectDisposedException"/>. The host disposes it after its hosted services stopped.
    /// </summary>
    public void Dispose()
    {
        _subscribers.Dispose();
        if (_ownsStore) _store.Dispose();
    }
}
