using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using Seratio.Consensus.Votes;
using Seratio.Core.Addressing;
using Seratio.Core.Chain;
using Seratio.Core.Crypto;
using Seratio.Core.Numerics;
using Seratio.Core.Transactions;
using Seratio.Node.Blocks;
using Seratio.Node.Chain;
using Seratio.Node.Mempool;
using Seratio.Node.Validators;
using Seratio.Protocol;
using Seratio.Vm.Execution;

namespace Seratio.Benchmarks;

/// <summary>
/// The node's block pipeline on real RocksDB for one block of 3,000 SER transfers: the proposer builds it
/// (execute, state root, header), a validator checks it (re-execute with the signatures its mempool already
/// verified, compare every root), and the decided block is committed (one synced write batch). Each iteration
/// gets a fresh chain at height 0 in a new folder, so every figure is for the same block on the same state.
/// </summary>
[MemoryDiagnoser]
public class BlockPipelineBenchmarks
{
    [Params(3_000)] public int Transfers;
    private const string ChainId = "seratio-bench";

    private Genesis _genesis = null!;
    private SigningKey _proposer = null!;
    private List<SignedTx> _txs = [];
    private readonly VerifiedSignatureCache _verified = new(100_000);
    private string _root = "";
    private ChainDatabase _chain = null!;
    private BlockCandidates _candidates = null!;
    private AssembledBlock _built = null!;
    private Commit _commit = null!;

    [GlobalSetup]
    public void Setup()
    {
        var set = TransferSet.Create("pipeline", Transfers, ChainId);
        _proposer = SigningKey.ForTesting("bench/pipeline/validator");
        _genesis = set.Genesis(ChainId, _proposer.PublicKey);
        _txs = set.Txs;
        foreach (var tx in _txs) _verified.Add(tx); // as the mempool's admission left them
    }

    [GlobalCleanup]
    public void Cleanup() => _proposer.Dispose();

    private ChainDatabase FreshChain()
    {
        _root = Directory.CreateTempSubdirectory("seratio-bench-pipeline-").FullName;
        return ChainDatabase.Open(Path.Combine(_root, "chain"), _genesis, Seratio.Vm.Genesis.GenesisState.Build);
    }

    private BlockCandidates Candidates(ChainDatabase chain) => new(chain, new VmBlockExecution(new BlockExecutor()), new ValidatorSets(chain), _verified);

    private long Time => _genesis.GenesisTimeUnixMs + 1000;

    [IterationSetup(Target = nameof(Build))]
    public void SetupBuild()
    {
        _chain = FreshChain();
        _candidates = Candidates(_chain);
    }

    /// <summary>The proposer: execute 3,000 transfers, compute the state root, build the header.</summary>
    [Benchmark]
    public Hash32 Build() => _candidates.Build(_txs, Time, _proposer.Address).Hash;

    [IterationSetup(Target = nameof(Check))]
    public void SetupCheck()
    {
        using (var other = FreshChain())
            _built = Candidates(other).Build(_txs, Time, _proposer.Address);
        Directory.Delete(_root, recursive: true);
        _chain = FreshChain();
        _candidates = Candidates(_chain);
    }

    /// <summary>A validator: re-execute another node's block (signatures cached by admission) and compare its roots.</summary>
    [Benchmark]
    public BlockCheck Check() => _candidates.Check(_built.Block, out _);

    [IterationSetup(Target = nameof(Commit))]
    public void SetupCommit()
    {
        _chain = FreshChain();
        _built = Candidates(_chain).Build(_txs, Time, _proposer.Address);
        var bytes = VoteSignBytes.Create(ChainId, 1, 0, VoteStep.Precommit, _built.Hash);
        _commit = new Commit { Height = 1, Round = 0, BlockHash = _built.Hash.ToByteString() };
        _commit.Signatures.Add(new CommitSig { Validator = _proposer.PublicKey.ToByteString(), Signature = ByteString.CopyFrom(_proposer.Sign(bytes)) });
    }

    /// <summary>The decided block: block, commit, receipts, tree nodes, state and head in one synced RocksDB batch.</summary>
    [Benchmark]
    public ulong Commit()
    {
        var block = new CommittedBlock(_built.Block, _built.Hash, _commit, _built.Txs, _built.Outcome.Receipts);
        _chain.Commit(block, _built.StateUpdate, _built.Outcome.Changes, encodedReceipts: _built.EncodedReceipts);
        return _chain.Head.Height;
    }

    [IterationCleanup]
    public void CleanupIteration()
    {
        _chain.Dispose();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}
