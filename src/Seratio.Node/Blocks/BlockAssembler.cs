using Google.Protobuf;
using Seratio.Core.Addressing;
using Seratio.Core.Crypto;
using Seratio.Core.Merkle;
using Seratio.Core.State;
using Seratio.Core.Transactions;
using Seratio.Node.Chain;
using Seratio.Node.Blocks.Evidence;
using Seratio.Protocol;
using Seratio.Vm.Execution;

namespace Seratio.Node.Blocks;

/// <summary>A block built or checked on top of the head, with everything its commit writes. Immutable once made.</summary>
public sealed record AssembledBlock(Block Block, Hash32 Hash, IReadOnlyList<SignedTx> Txs, BlockOutcome Outcome, TreeUpdate StateUpdate)
{
    /// <summary>Time spent executing the transactions (for the production log).</summary>
    public TimeSpan ExecuteTime { get; init; }
    /// <summary>Time spent computing the state root (for the production log).</summary>
    public TimeSpan StateTreeTime { get; init; }
    /// <summary>Time spent on roots and encoding around them (for the production log).</summary>
    public TimeSpan HeaderTime { get; init; }
    /// <summary>The receipts' encodings (the results root is over them; the store keeps them), when made.</summary>
    public IReadOnlyList<byte[]>? EncodedReceipts { get; init; }
    /// <summary>The block's encoding, when made (the store keeps it as it is).</summary>
    public byte[]? EncodedBlock { get; init; }
}

/// <summary>
/// Executes transactions on the head's state and builds the block around the outcome: header
/// with tx, results and state roots, validators hash, proposer and the parent's commit.
/// Deterministic given the head, the transactions and the time. Not thread safe: the consensus loop owns it.
/// </summary>
public sealed class BlockAssembler
{
    private readonly ChainDatabase chain;
    private readonly IBlockExecution execution;
    private readonly Func<ulong, Hash32> _validatorsHash;
    private readonly TimeProvider _time;

    /// <summary>An assembler for a chain whose validator set never changes.</summary>
    public BlockAssembler(ChainDatabase chain, IBlockExecution execution, Hash32 validatorsHash, TimeProvider? time = null)
        : this(chain, execution, _ => validatorsHash, time)
    {
    }

    /// <param name="validatorsHash">The hash of V(height), for the header of the block at that height.</param>
    public BlockAssembler(ChainDatabase chain, IBlockExecution execution, Func<ulong, Hash32> validatorsHash, TimeProvider? time = null)
    {
        this.chain = chain ?? throw new ArgumentNullException(nameof(chain));
        this.execution = execution ?? throw new ArgumentNullException(nameof(execution));
        _validatorsHash = validatorsHash ?? throw new ArgumentNullException(nameof(validatorsHash));
        _time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// A new block at head + 1 with <paramref name="txs"/> and the verified <paramref name="evidence"/>, stamped
    /// max(<paramref name="nowUnixMs"/>, parent time + 1).
    /// </summary>
    public AssembledBlock Assemble(IReadOnlyList<SignedTx> txs, long nowUnixMs, Address proposer, IReadOnlyList<VerifiedEvidence>? evidence = null)
    {
        ArgumentNullException.ThrowIfNull(txs);
        evidence ??= [];
        var head = chain.Head;
        ulong height = head.Height + 1;
        long time = Math.Max(nowUnixMs, checked(head.TimeUnixMs + 1));
        var context = new BlockContext(chain.ChainId, height, time, proposer, chain.Genesis.Params)
        {
            Evidence = [.. evidence.Select(e => e.Described)], ParentHash = head.BlockHash, ParentStateRoot = head.StateRoot,
        };
        long started = _time.GetTimestamp();
        var outcome = execution.Execute(chain.LatestState, context, txs);
        if (outcome.Receipts.Count != txs.Count)
            throw new InvalidOperationException($"executor returned {outcome.Receipts.Count} receipts for {txs.Count} transactions");
        long executed = _time.GetTimestamp();
        var update = chain.ComputeStateUpdate(outcome.Changes);
        long rooted = _time.GetTimestamp();
        var lastCommit = chain.GetCommit(head.Height);
        var receipts = new byte[outcome.Receipts.Count][];
        var receiptItems = new ReadOnlyMemory<byte>[receipts.Length];
        for (int i = 0; i < receipts.Length; i++) receiptItems[i] = receipts[i] = outcome.Receipts[i].ToByteArray();
        var txItems = new ReadOnlyMemory<byte>[txs.Count];
        for (int i = 0; i < txItems.Length; i++) txItems[i] = txs[i].Bytes;
        var header = new BlockHeader
        {
            ChainId = chain.ChainId,
            Height = height,
            TimeUnixMs = time,
            ParentHash = head.BlockHash.ToByteString(),
            TxRoot = BinaryMerkle.Root(txItems).ToByteString(),
            StateRoot = update.Root.ToByteString(),
            ResultsRoot = BinaryMerkle.Root(receiptItems).ToByteString(),
            ValidatorsHash = _validatorsHash(height).ToByteString(),
            Proposer = proposer.ToByteString(),
            LastCommitHash = BlockHashing.CommitHash(lastCommit).ToByteString(),
            TxCount = (uint)txs.Count,
            EvidenceRoot = EvidenceVerifier.Root([.. evidence.Select(e => e.Evidence)]),
        };
        var block = new Block { Header = header, LastCommit = lastCommit };
        foreach (var e in evidence) block.Evidence.Add(e.Evidence);
        foreach (var tx in txs) block.Txs.Add(ByteString.CopyFrom(tx.Bytes.Span));
        return new AssembledBlock(block, BlockHashing.HeaderHash(header), txs, outcome, update)
        {
            ExecuteTime = _time.GetElapsedTime(started, executed),
            StateTreeTime = _time.GetElapsedTime(executed, rooted),
            HeaderTime = _time.GetElapsedTime(rooted),
            EncodedReceipts = receipts,
        };
    }
}
