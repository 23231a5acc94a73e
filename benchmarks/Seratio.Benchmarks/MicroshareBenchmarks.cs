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
/// Executing one block of N microshare sends (1 unit, oldest lot first, each sender holding one lot of a
/// class over one certificate) against one block of N SER transfers (the baseline), from the same cached
/// state. The issue's target: a microshare transfer costs at most twice a SER transfer.
/// </summary>
[MemoryDiagnoser]
public class MicroshareBenchmarks
{
    [Params(2_000)] public int Transfers;
    private const string ChainId = "seratio-bench";

    private readonly Dictionary<Hash32, byte[]> _state = new();
    private List<SignedTx> _sends = [];
    private List<SignedTx> _transfers = [];
    private BlockContext _context = null!;
    private readonly BlockExecutor _executor = new();

    [GlobalSetup]
    public void Setup()
    {
        int accounts = Transfers * 2;
        var addresses = new Address[accounts];
        Parallel.For(0, accounts, i => { using var key = SigningKey.ForTesting($"bench/micro/{i}"); addresses[i] = key.Address; });
        using var authority = SigningKey.ForTesting("bench/micro/authority");
        var genesis = new Genesis
        {
            ChainId = ChainId,
            Authority = authority.Address.ToString(),
            Validators = [new GenesisValidator { PublicKey = authority.PublicKey.ToString(), Power = 1 }],
            Accounts = addresses.Append(authority.Address).Select(a => new GenesisAccount { Address = a.ToString(), Balance = Ser.Whole(1_000).ToString() }).ToList(),
        };
        foreach (var change in Seratio.Vm.Genesis.GenesisState.Build(genesis)) _state[change.Key] = change.Value!;

        ulong height = 0;
        BlockContext Next() => new(ChainId, ++height, genesis.GenesisTimeUnixMs + 1000 * (long)height, authority.Address, genesis.Params);
        Apply(Next(), [Sign(authority, 0,
            new Msg { RegisterMethod = new MsgRegisterMethod { Id = "bench", Version = 1, Description = "bench", DocumentHash = Hash32.Sha256([1]).ToByteString() } },
            new Msg { GrantRole = new MsgGrantRole { Account = authority.Address.ToByteString(), Role = Role.Issuer } },
            new Msg { GrantRole = new MsgGrantRole { Account = authority.Address.ToByteString(), Role = Role.RewardingBody } },
            new Msg { RegisterEntity = new MsgRegisterEntity { Kind = EntityKind.Project, Name = "bench", Controllers = { authority.Address.ToByteString() } } })]);
        Apply(Next(), [Sign(authority, 1, new Msg
        {
            IssueCertificate = new MsgIssueCertificate
            {
                Subject = 1, PeriodStartUnixMs = 1, PeriodEndUnixMs = 2, SocialValue = "3", FinancialValue = "1", SocialUnit = "GBP", Currency = "GBP",
                MethodId = "bench", MethodVersion = 1, EvidenceUri = "ipfs://bench", EvidenceHash = Hash32.Sha256([2]).ToByteString(), ValidUntilUnixMs = long.MaxValue,
            },
        })]);
        Apply(Next(), [Sign(authority, 2, new Msg
        {
            CreateMicroshareClass = new MsgCreateMicroshareClass
            {
                Name = "bench", Symbol = "BENCH", CertificateIds = { 1 }, Rule = new MintRule { Kind = MintRuleKind.Fixed, Numerator = 1_000, Denominator = 1 },
            },
        })]);
        var mints = new SignedTx[Transfers];
        Parallel.For(0, Transfers, i =>
        {
            using var key = SigningKey.ForTesting($"bench/micro/{i}");
            mints[i] = Sign(key, 0, new Msg { MintMicroshares = new MsgMintMicroshares { ClassId = 1, CertificateId = 1, OriginAsset = "SER", OriginAmount = "1000" } });
        });
        Apply(Next(), mints);

        var sends = new SignedTx[Transfers];
        var transfers = new SignedTx[Transfers];
        Parallel.For(0, Transfers, i =>
        {
            using var key = SigningKey.ForTesting($"bench/micro/{i}");
            var to = addresses[Transfers + i].ToByteString();
            sends[i] = Sign(key, 1, new Msg { SendMicroshares = new MsgSendMicroshares { ClassId = 1, To = to, Units = "1" } });
            transfers[i] = Sign(key, 1, new Msg { Transfer = new MsgTransfer { To = to, Denom = Ser.Symbol, Amount = "1000" } });
        });
        _sends = sends.ToList();
        _transfers = transfers.ToList();
        _context = Next();
        var check = _executor.Execute(new Reader(_state), _context, _sends);
        if (check.Receipts.Any(r => r.Code != ResultCode.Ok)) throw new InvalidOperationException("a benchmark microshare send failed: " + check.Receipts.First(r => r.Code != ResultCode.Ok).Log);
    }

    [Benchmark(Baseline = true)]
    public int SerTransfers() => _executor.Execute(new Reader(_state), _context, _transfers).Receipts.Count;

    [Benchmark]
    public int MicroshareSends() => _executor.Execute(new Reader(_state), _context, _sends).Receipts.Count;

    private void Apply(BlockContext context, IReadOnlyList<SignedTx> txs)
    {
        var outcome = _executor.Execute(new Reader(_state), context, txs);
        var failed = outcome.Receipts.FirstOrDefault(r => r.Code != ResultCode.Ok);
        if (failed is not null) throw new InvalidOperationException($"benchmark setup failed at height {context.Height}: {failed.Log}");
        foreach (var change in outcome.Changes)
            if (change.Value is null) _state.Remove(change.Key);
            else _state[change.Key] = change.Value;
    }

    private static SignedTx Sign(SigningKey key, ulong nonce, params Msg[] msgs)
    {
        var body = new TxBody { ChainId = ChainId, Sender = key.Address.ToByteString(), Nonce = nonce, GasLimit = 200_000 };
        body.Msgs.Add(msgs);
        TxDecoder.TryDecode(TxDecoder.Sign(body, key), ChainId, TxDecoder.MaxTxBytes, out var tx, out var error);
        return tx ?? throw new InvalidOperationException(error);
    }

    private sealed class Reader(Dictionary<Hash32, byte[]> state) : IStateReader
    {
        public byte[]? Get(in Hash32 key) => state.TryGetValue(key, out var value) ? value : null;
    }
}
