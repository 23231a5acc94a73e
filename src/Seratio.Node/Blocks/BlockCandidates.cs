using Google.Protobuf;
using Seratio.Consensus.Validators;
using Seratio.Consensus.Votes;
using Seratio.Core.Addressing;
using Seratio.Core.Crypto;
using Seratio.Core.Merkle;
using Seratio.Core.Transactions;
using Seratio.Node.Chain;
using Seratio.Node.Blocks.Evidence;
using Seratio.Node.Mempool;
using Seratio.Node.Validators;
using Seratio.Node.Blocks;
using Seratio.Protocol;
using Seratio.Vm.Execution;

namespace Seratio.Node.Blocks;

/// <summary>
/// Builds this node's proposals and re-executes others' blocks on the current head (execute before
/// vote), keeping each executed block of the next height by hash so that the decided one is
/// committed without executing it again. Deterministic given the head and the block. Not thread
/// safe: the driver's loop owns it.
/// </summary>
public sealed class BlockCandidates
{
    /// <summary>Signatures remembered when no shared cache is given (tests, tools); the node passes the mempool's.</summary>
    private const int DefaultVerifiedCacheSize = 100_000;
    private readonly ChainDatabase _chain;
    private readonly VerifiedSignatureCache _verified;
    private readonly IBlockExecution _execution;
    private readonly ValidatorSets _validators;
    private readonly EvidenceVerifier _evidence;
    private readonly BlockAssembler _assembler;
    private readonly Dictionary<Hash32, AssembledBlock> _executed = [];
    private Hash32 _executedOn;

    public BlockCandidates(ChainDatabase chain, IBlockExecution execution, ValidatorSets validators, VerifiedSignatureCache? verified = null)
    {
        _verified = verified ?? new VerifiedSignatureCache(DefaultVerifiedCacheSize);
        _chain = chain ?? throw new ArgumentNullException(nameof(chain));
        _execution = execution ?? throw new ArgumentNullException(nameof(execution));
        _validators = validators ?? throw new ArgumentNullException(nameof(validators));
        _evidence = new EvidenceVerifier(chain, validators);
        _assembler = new BlockAssembler(chain, execution, height => validators.For(height).Hash);
    }

    /// <summary>The evidence rules this node checks blocks with.</summary>
    public EvidenceVerifier Evidence => _evidence;

    /// <summary>
    /// Builds and executes a block at head + 1 with <paramref name="txs"/>, proposed by <paramref name="proposer"/>,
    /// carrying those of <paramref name="evidence"/> that are admissible at that height (at most
    /// <see cref="EvidenceVerifier.MaxPerBlock"/>, one per misbehaving slot).
    /// </summary>
    public AssembledBlock Build(IReadOnlyList<SignedTx> txs, long nowUnixMs, Address proposer, IEnumerable<Seratio.Protocol.Evidence>? evidence = null)
    {
        ulong height = _chain.Head.Height + 1;
        var included = new List<VerifiedEvidence>();
        var slots = new HashSet<(PublicKey, ulong, uint, VoteType)>();
        foreach (var e in evidence ?? [])
        {
            if (included.Count == EvidenceVerifier.MaxPerBlock) break;
            if (_evidence.Check(e, height, out var described) != EvidenceCheck.Valid) continue;
            if (!slots.Add((described.Validator, described.Height, described.Round, described.Type))) continue;
            included.Add(new VerifiedEvidence(e, described));
        }
        var assembled = _assembler.Assemble(txs, nowUnixMs, proposer, included);
        Remember(assembled);
        return assembled;
    }

    /// <summary>The executed block <paramref name="hash"/> of the next height, if this node executed it on the current head.</summary>
    public bool TryGet(Hash32 hash, out AssembledBlock assembled)
    {
        Forget();
        return _executed.TryGetValue(hash, out assembled!);
    }

    /// <summary>
    /// Checks that <paramref name="block"/> extends the head and re-executes it: valid when every root
    /// of its header is reproduced. On success <paramref name="assembled"/> holds what its commit writes.
    /// </summary>
    public BlockCheck Check(Block block, out AssembledBlock? assembled)
    {
        ArgumentNullException.ThrowIfNull(block);
        assembled = null;
        var hash = BlockHashing.HeaderHash(block.Header);
        if (TryGet(hash, out var known)) { assembled = known; return BlockCheck.Valid; }
        var head = _chain.Head;
        var header = block.Header;
        var p = _chain.Genesis.Params;
        if (header.Height != head.Height + 1) return BlockCheck.NotNextHeight;
        if (header.ChainId != _chain.ChainId) return BlockCheck.WrongChain;
        if (!header.ParentHash.Span.SequenceEqual(head.BlockHash.ToArray())) return BlockCheck.WrongParent;
        if (header.TimeUnixMs <= head.TimeUnixMs) return BlockCheck.TimeNotAfterParent;
        var validators = _validators.For(header.Height);
        if (!header.ValidatorsHash.Span.SequenceEqual(validators.Hash.ToArray())) return BlockCheck.WrongValidatorsHash;
        if (header.Proposer.Length != Address.Size || !IsMember(validators, new Address(header.Proposer.Span))) return BlockCheck.UnknownProposer;
        if (CheckLastCommit(block, head) is { } bad) return bad;
        if (CheckEvidence(block, out var evidence) is { } badEvidence) return badEvidence;
        if (block.Txs.Count > p.MaxBlockTxs || header.TxCount != block.Txs.Count || block.Txs.Sum(t => (long)t.Length) > p.MaxBlockBytes) return BlockCheck.TooLarge;
        var txs = new List<SignedTx>(block.Txs.Count);
        foreach (var bytes in block.Txs)
        {
            if (TxDecoder.TryDecode(bytes.Memory, _chain.ChainId, p.MaxTxBytes, out var tx, out _) != TxFormatError.None) return BlockCheck.BadTransaction;
            txs.Add(tx!);
        }
        if (!header.TxRoot.Span.SequenceEqual(BinaryMerkle.Root(txs.Select(t => t.Bytes).ToList()).ToArray())) return BlockCheck.TxRootMismatch;
        if (!SignaturesVerify(txs)) return BlockCheck.BadSignature;
        var context = new BlockContext(_chain.ChainId, header.Height, header.TimeUnixMs, new Address(header.Proposer.Span), p)
        {
            Evidence = evidence, ParentHash = head.BlockHash, ParentStateRoot = head.StateRoot,
        };
        var outcome = _execution.Execute(_chain.LatestState, context, txs);
        if (outcome.Receipts.Count != txs.Count) throw new InvalidOperationException($"executor returned {outcome.Receipts.Count} receipts for {txs.Count} transactions");
        var update = _chain.ComputeStateUpdate(outcome.Changes);
        if (!header.StateRoot.Span.SequenceEqual(update.Root.ToArray())) return BlockCheck.StateRootMismatch;
        var receipts = outcome.Receipts.Select(r => r.ToByteArray()).ToArray();
        var results = BinaryMerkle.Root(receipts.Select(r => (ReadOnlyMemory<byte>)r).ToList());
        if (!header.ResultsRoot.Span.SequenceEqual(results.ToArray())) return BlockCheck.ResultsRootMismatch;
        assembled = new AssembledBlock(block, hash, txs, outcome, update) { EncodedReceipts = receipts };
        Remember(assembled);
        return BlockCheck.Valid;
    }

    /// <summary>
    /// Execution trusts signatures (docs/transactions.md), so every transaction of another node's block is verified
    /// here: those this node admitted come from the cache (same body and signature), the rest are verified in
    /// parallel and cached. A block with one bad signature is invalid, whoever proposed it.
    /// </summary>
    private bool SignaturesVerify(List<SignedTx> txs)
    {
        var unknown = txs.Where(tx => !_verified.IsVerified(tx)).ToArray();
        if (unknown.Length == 0) return true;
        int bad = 0;
        Parallel.ForEach(unknown, (tx, state) =>
        {
            if (_verified.Verify(tx)) return;
            Interlocked.Exchange(ref bad, 1);
            state.Stop();
        });
        return bad == 0;
    }

    /// <summary>Height 1 carries no last commit; above it, the block certifies its parent with a valid commit.</summary>
    private BlockCheck? CheckLastCommit(Block block, ChainHead head)
    {
        var header = block.Header;
        if (!header.LastCommitHash.Span.SequenceEqual(BlockHashing.CommitHash(block.LastCommit).ToArray())) return BlockCheck.BadLastCommit;
        if (head.Height == 0) return block.LastCommit is null ? null : BlockCheck.BadLastCommit;
        var commit = block.LastCommit;
        if (commit is null || commit.Height != head.Height || !commit.BlockHash.Span.SequenceEqual(head.BlockHash.ToArray())) return BlockCheck.BadLastCommit;
        return CommitVerifier.Check(commit, _validators.For(head.Height), _chain.ChainId, out _) == CommitVerifyResult.Valid ? null : BlockCheck.BadLastCommit;
    }

    /// <summary>
    /// Each evidence admissible at the block's height (<see cref="EvidenceVerifier.Check"/>), at most
    /// <see cref="EvidenceVerifier.MaxPerBlock"/>, no two for one misbehaving slot, and the header's evidence_root over them.
    /// </summary>
    private BlockCheck? CheckEvidence(Block block, out List<BlockEvidence> described)
    {
        described = new List<BlockEvidence>(block.Evidence.Count);
        if (!block.Header.EvidenceRoot.Equals(EvidenceVerifier.Root(block.Evidence))) return BlockCheck.EvidenceRootMismatch;
        if (block.Evidence.Count > EvidenceVerifier.MaxPerBlock) return BlockCheck.BadEvidence;
        var slots = new HashSet<(PublicKey, ulong, uint, VoteType)>();
        foreach (var e in block.Evidence)
        {
            if (_evidence.Check(e, block.Header.Height, out var d) != EvidenceCheck.Valid) return BlockCheck.BadEvidence;
            if (!slots.Add((d.Validator, d.Height, d.Round, d.Type))) return BlockCheck.BadEvidence;
            described.Add(d);
        }
        return null;
    }

    private static bool IsMember(ValidatorSet validators, Address proposer)
    {
        foreach (var v in validators.Validators)
            if (v.Key.ToAddress() == proposer) return true;
        return false;
    }

    private void Remember(AssembledBlock assembled)
    {
        Forget();
        _executed[assembled.Hash] = assembled;
    }

    /// <summary>Executions of an older head are stale once the head moved.</summary>
    private void Forget()
    {
        var head = _chain.Head.BlockHash;
        if (head == _executedOn) return;
        _executed.Clear();
        _executedOn = head;
    }
}
