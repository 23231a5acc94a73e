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
        int accounts = Transfers * 2;
        // NSec keeps each private key in guarded memory (several mappings per key): holding 20,000 of
        // them at once exceeds Linux's vm.max_map_count, so each key lives only as long as it is used.
        var addresses = new Address[accounts];
        Parallel.For(0, accounts, i => { using var key = SigningKey.ForTesting($"bench/exec/{i}"); addresses[i] = key.Address; });
        using var proposer = SigningKey.ForTesting("bench/exec/0");
        var genesis = new Genesis
        {
            ChainId = ChainId,
            Validators = [new GenesisValidator { PublicKey = proposer.PublicKey.ToString(), Power = 1 }],
            Accounts = addresses.Select(a => new GenesisAccount { Address = a.ToString(), Balance = Ser.Whole(1_000).ToString() }).ToList(),
        };
        foreach (var change in Seratio.Vm.Genesis.GenesisState.Build(genesis)) _state[change.Key] = change.Value!;
        var signed = new SignedTx[Transfers];
        Parallel.For(0, Transfers, i =>
        {
            using var key = SigningKey.ForTesting($"bench/exec/{i}");
            var body = new TxBody { ChainId = ChainId, Sender = addresses[i].ToByteString(), Nonce = 0, GasLimit = 100_000 };
            body.Msgs.Add(new Msg { Transfer = new MsgTransfer { To = addresses[Transfers + i].ToByteString(), Denom = Ser.Symbol, Amount = "1000" } });
            TxDecoder.TryDecode(TxDecoder.Sign(body, key), ChainId, TxDecoder.MaxTxBytes, out var tx, out _);
            signed[i] = tx!;
        });
        _txs = signed.ToList();
        _context = new BlockContext(ChainId, 1, genesis.GenesisTimeUnixMs + 1000, proposer.Address, genesis.Params);
    }

    [Benchmark]
    public int ExecuteBlock() => _executor.Execute(new Reader(_state), _context, _txs).Receipts.Count;

    private sealed class Reader(Dictionary<Hash32, byte[]> state) : IStateReader
    {
        public byte[]? Get(in Hash32 key) => state.TryGetValue(key, out var value) ? value : null;
    }
}
