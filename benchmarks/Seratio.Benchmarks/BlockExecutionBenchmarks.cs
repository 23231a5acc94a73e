using BenchmarkDotNet.Attributes;
using Seratio.Core.Addressing;
using Seratio.Core.Chain;
using Seratio.Core.Crypto;
using Seratio.Core.Numerics;
using Seratio.Core.State;
using Seratio.Core.Transactions;
using Seratio.Protocol;
using Seratio.Vm.Execution;

namespace Seratio.Benchmarks;

/// <summary>
/// Executing one block of 10,000 SER transfers among 20,000 accounts against a cached state
/// (signatures were verified at admission, so execution does not verify them).
/// </summary>
[MemoryDiagnoser]
public class BlockExecutionBenchmarks
{
    [Params(10_000)] public int Transfers;
    private const string ChainId = "seratio-bench";

    private Dictionary<Hash32, byte[]> _state = new();
    private List<SignedTx> _txs = [];
    private BlockContext _context = null!;
    private readonly BlockExecutor _executor = new();

    [GlobalSetup]
    public void Setup()
    {
        var set = TransferSet.Create("exec", Transfers, ChainId);
        using var proposer = SigningKey.ForTesting("bench/exec/0");
        var genesis = set.Genesis(ChainId, proposer.PublicKey);
        foreach (var change in Seratio.Vm.Genesis.GenesisState.Build(genesis)) _state[change.Key] = change.Value!;
        _txs = set.Txs;
        _context = new BlockContext(ChainId, 1, genesis.GenesisTimeUnixMs + 1000, proposer.Address, genesis.Params);
    }

    [Benchmark]
    public int ExecuteBlock() => _executor.Execute(new Reader(_state), _context, _txs).Receipts.Count;

    private sealed class Reader(Dictionary<Hash32, byte[]> state) : IStateReader
    {
        public byte[]? Get(in Hash32 key) => state.TryGetValue(key, out var value) ? value : null;
    }
}
