using Seratio.Core.Addressing;
using Seratio.Core.Chain;
using Seratio.Core.Crypto;
using Seratio.Core.State;
using Seratio.Core.Transactions;
using Seratio.Protocol;
using Seratio.Vm.Execution;

namespace Seratio.IntegrationTests.Infrastructure;

/// <summary>
/// Re-executes blocks fetched from a node, independently of it, from the genesis state: the
/// state root after each block must equal the one its header carries.
/// </summary>
public sealed class ChainReplay
{
    private readonly Genesis _genesis;
    private readonly Dictionary<Hash32, byte[]> _state = new();
    private readonly InMemoryTreeNodeSource _nodes = new();
    private readonly SparseMerkleTree _tree;
    private readonly BlockExecutor _executor = new();

    public ChainReplay(Genesis genesis)
    {
        _genesis = genesis;
        _tree = new SparseMerkleTree(_nodes);
        Root = Apply(Hash32.Zero, Seratio.Vm.Genesis.GenesisState.Build(genesis));
    }

    public Hash32 Root { get; private set; }

    /// <summary>Executes <paramref name="block"/>; returns the receipts and the state root reached.</summary>
    public (IReadOnlyList<Receipt> Receipts, Hash32 Root) Execute(Block block)
    {
        var txs = new List<SignedTx>();
        foreach (var bytes in block.Txs)
        {
            var error = TxDecoder.TryDecode(bytes.Memory, _genesis.ChainId, _genesis.Params.MaxTxBytes, out var tx, out var reason);
            if (error != TxFormatError.None) throw new InvalidOperationException($"block {block.Header.Height} carries a bad tx: {reason}");
            txs.Add(tx!);
        }
        var header = block.Header;
        // As the node does: the parent's hash (this header names it) and post-state root, which anchor checkpoints record.
        var context = new BlockContext(_genesis.ChainId, header.Height, header.TimeUnixMs, Address.FromByteString(header.Proposer, "proposer"), _genesis.Params)
        {
            ParentHash = header.ParentHash.Length == Hash32.Size ? new Hash32(header.ParentHash.Span) : default,
            ParentStateRoot = Root,
        };
        var outcome = _executor.Execute(new Reader(_state), context, txs);
        Root = Apply(Root, outcome.Changes);
        return (outcome.Receipts, Root);
    }

    private Hash32 Apply(Hash32 root, IReadOnlyList<StateChange> changes)
    {
        var updates = new List<KeyValuePair<Hash32, Hash32?>>(changes.Count);
        foreach (var change in changes)
        {
            if (change.Value is null) _state.Remove(change.Key);
            else _state[change.Key] = change.Value;
            updates.Add(new(change.Key, change.Value is null ? null : SparseMerkleTree.HashValue(change.Value)));
        }
        var update = _tree.Update(root, updates);
        _nodes.Add(update.NewNodes);
        return update.Root;
    }

    private sealed class Reader(Dictionary<Hash32, byte[]> state) : IStateReader
    {
        public byte[]? Get(in Hash32 key) => state.TryGetValue(key, out var value) ? value : null;
    }
}
