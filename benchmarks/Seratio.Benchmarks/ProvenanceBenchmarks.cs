using BenchmarkDotNet.Attributes;
using Seratio.Core.Addressing;
using Seratio.Core.Chain;
using Seratio.Core.Crypto;
using Seratio.Core.Numerics;
using Seratio.Core.State;
using Seratio.Core.Transactions;
using Seratio.Protocol;
using Seratio.Vm.Execution;
using Seratio.Vm.Modules.Provenance;

namespace Seratio.Benchmarks;

/// <summary>
/// Provenance: executing one block of appends (each from its own account, to its own entity, naming
/// that account's root record as input: a record, a counter step and three index appends each), and
/// lineage walks of one page (100 records) over a graph of 2,000 records where record k names
/// k-1 and k/2-1, against a cached in-memory state.
/// </summary>
[MemoryDiagnoser]
public class ProvenanceBenchmarks
{
    [Params(1_000)] public int Appends;
    private const string ChainId = "seratio-bench";
    private const int GraphRecords = 2_000;

    private readonly Dictionary<Hash32, byte[]> _state = new();
    private readonly BlockExecutor _executor = new();
    private List<SignedTx> _block = [];
    private BlockContext _context = null!;
    private ulong _graphFirst, _graphLast;

    [GlobalSetup]
    public void Setup()
    {
        var addresses = new Address[Appends + 1];
        Parallel.For(0, addresses.Length, i => { using var key = SigningKey.ForTesting($"bench/prov/{i}"); addresses[i] = key.Address; });
        using var proposer = SigningKey.ForTesting("bench/prov/proposer");
        var genesis = new Genesis
        {
            ChainId = ChainId,
            Validators = [new GenesisValidator { PublicKey = proposer.PublicKey.ToString(), Power = 1 }],
            Accounts = addresses.Select(a => new GenesisAccount { Address = a.ToString(), Balance = Ser.Whole(1_000).ToString() }).ToList(),
        };
        foreach (var change in Seratio.Vm.Genesis.GenesisState.Build(genesis)) _state[change.Key] = change.Value!;
        BlockContext At(ulong height) => new(ChainId, height, genesis.GenesisTimeUnixMs + (long)height * 1000, proposer.Address, genesis.Params);

        // Entity i+1 and root record i+1 belong to account i; account Appends builds the lineage graph.
        Apply(At(1), SignAll(addresses.Length, (i, _) => Register(addresses[i]), nonce: 0));
        Apply(At(2), SignAll(addresses.Length, (i, _) => Append((ulong)i + 1, "root", []), nonce: 1));
        _graphFirst = (ulong)addresses.Length + 1;
        var graph = new List<SignedTx>(GraphRecords);
        using (var builder = SigningKey.ForTesting($"bench/prov/{Appends}"))
            for (int k = 0; k < GraphRecords; k++)
            {
                ulong id = _graphFirst + (ulong)k;
                ulong[] inputs = k == 0 ? [] : k == 1 ? [id - 1] : [_graphFirst + (ulong)(k / 2 - 1), id - 1];
                graph.Add(Sign(builder, (ulong)k + 2, Append((ulong)Appends + 1, "g" + k, inputs)));
            }
        Apply(At(3), graph);
        _graphLast = _graphFirst + GraphRecords - 1;
        _block = SignAll(Appends, (i, _) => Append((ulong)i + 1, "item-" + i, [(ulong)i + 1]), nonce: 2);
        _context = At(4);
    }

    [Benchmark]
    public int ExecuteAppendBlock() => _executor.Execute(new Reader(_state), _context, _block).Receipts.Count;

    [Benchmark]
    public int DescendantsPage() =>
        ProvenanceLineage.Walk(new Reader(_state), _graphFirst, LineageDirection.Descendants, ProvenanceLineage.MaxDepth, 0, 100).Entries.Count;

    [Benchmark]
    public int AncestorsPage() =>
        ProvenanceLineage.Walk(new Reader(_state), _graphLast, LineageDirection.Ancestors, ProvenanceLineage.MaxDepth, 0, 100).Entries.Count;

    private void Apply(BlockContext context, List<SignedTx> txs)
    {
        var outcome = _executor.Execute(new Reader(_state), context, txs);
        foreach (var receipt in outcome.Receipts)
            if (receipt.Code != ResultCode.Ok) throw new InvalidOperationException($"setup transaction failed: {receipt.Code} {receipt.Log}");
        foreach (var change in outcome.Changes)
            if (change.Value is null) _state.Remove(change.Key);
            else _state[change.Key] = change.Value;
    }

    private static List<SignedTx> SignAll(int count, Func<int, ulong, Msg> msg, ulong nonce)
    {
        var txs = new SignedTx[count];
        Parallel.For(0, count, i =>
        {
            using var key = SigningKey.ForTesting($"bench/prov/{i}");
            txs[i] = Sign(key, nonce, msg(i, nonce));
        });
        return [.. txs];
    }

    private static SignedTx Sign(SigningKey key, ulong nonce, Msg msg)
    {
        var body = new TxBody { ChainId = ChainId, Sender = key.Address.ToByteString(), Nonce = nonce, GasLimit = 200_000 };
        body.Msgs.Add(msg);
        TxDecoder.TryDecode(TxDecoder.Sign(body, key), ChainId, TxDecoder.MaxTxBytes, out var tx, out _);
        return tx!;
    }

    private static Msg Register(Address controller)
    {
        var register = new MsgRegisterEntity { Kind = EntityKind.Process, Name = "bench " + controller };
        register.Controllers.Add(controller.ToByteString());
        return new Msg { RegisterEntity = register };
    }

    private static Msg Append(ulong entity, string item, ulong[] inputs)
    {
        var append = new MsgAppendProvenance
        {
            EntityId = entity,
            EventKind = ProvenanceEventKind.Transformation,
            Location = "urn:epc:id:sgln:0614141.00777.0",
            EventTimeMs = 1_700_000_000_000,
            BusinessStep = "commissioning",
            Disposition = "active",
        };
        append.Items.Add(item);
        append.Inputs.Add(inputs);
        return new Msg { AppendProvenance = append };
    }

    private sealed class Reader(Dictionary<Hash32, byte[]> state) : IStateReader
    {
        public byte[]? Get(in Hash32 key) => state.TryGetValue(key, out var value) ? value : null;
    }
}
