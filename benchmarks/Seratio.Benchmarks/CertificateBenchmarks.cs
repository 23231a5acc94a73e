using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using Seratio.Core.Addressing;
using Seratio.Core.Chain;
using Seratio.Core.Crypto;
using Seratio.Core.Numerics;
using Seratio.Core.State;
using Seratio.Core.Transactions;
using Seratio.Protocol;
using Seratio.Vm.Execution;
using Seratio.Vm.Modules.Certificates;

namespace Seratio.Benchmarks;

/// <summary>
/// Executing one block of 2,000 S/E certificate issuances (2,000 issuers, 10 subject entities, so
/// each subject's index takes 200 appends in the block) against a cached state, next to the same
/// number of SER transfers; and the S/E ratio alone for ordinary and 128-bit values.
/// </summary>
[MemoryDiagnoser]
public class CertificateBenchmarks
{
    [Params(2_000)] public int Issuances;
    private const string ChainId = "seratio-bench-certs";
    private const int Subjects = 10;

    private readonly Dictionary<Hash32, byte[]> _state = new();
    private List<SignedTx> _issues = [];
    private List<SignedTx> _transfers = [];
    private BlockContext _context = null!;
    private readonly BlockExecutor _executor = new();
    private static readonly Amount Social = Amount.Parse("123456789012345678901234567890"), Financial = Amount.Parse("987654321");

    [GlobalSetup]
    public void Setup()
    {
        var issuers = new Address[Issuances];
        Parallel.For(0, Issuances, i => { using var key = SigningKey.ForTesting($"bench/certs/{i}"); issuers[i] = key.Address; });
        using var authority = SigningKey.ForTesting("bench/certs/authority");
        var genesis = new Genesis
        {
            ChainId = ChainId,
            Validators = [new GenesisValidator { PublicKey = authority.PublicKey.ToString(), Power = 1 }],
            Accounts = issuers.Append(authority.Address).Select(a => new GenesisAccount { Address = a.ToString(), Balance = Ser.Whole(1_000).ToString() }).ToList(),
            Authority = authority.Address.ToString(),
        };
        foreach (var change in Seratio.Vm.Genesis.GenesisState.Build(genesis)) _state[change.Key] = change.Value!;

        // Setup block: the method, the subjects and every issuer's role, executed and applied.
        var setup = new List<SignedTx>();
        ulong nonce = 0;
        var first = new List<Msg> { new() { RegisterMethod = new MsgRegisterMethod { Id = "sroi", Version = 1, Description = "bench", DocumentHash = Hash32.Sha256([1]).ToByteString() } } };
        for (int s = 0; s < Subjects; s++)
        {
            var register = new MsgRegisterEntity { Kind = EntityKind.Organisation, Name = "subject " + s };
            register.Controllers.Add(authority.Address.ToByteString());
            first.Add(new Msg { RegisterEntity = register });
        }
        setup.Add(Sign(authority, nonce++, first));
        foreach (var chunk in issuers.Chunk(48))
            setup.Add(Sign(authority, nonce++, chunk.Select(a => new Msg { GrantRole = new MsgGrantRole { Account = a.ToByteString(), Role = Role.Issuer } })));
        var prepared = _executor.Execute(new Reader(_state), new BlockContext(ChainId, 1, genesis.GenesisTimeUnixMs + 1000, authority.Address, genesis.Params), setup);
        if (prepared.Receipts.FirstOrDefault(r => r.Code != ResultCode.Ok) is { } failed) throw new InvalidOperationException($"setup failed: {failed.Log}");
        foreach (var change in prepared.Changes)
            if (change.Value is null) _state.Remove(change.Key); else _state[change.Key] = change.Value;

        var issues = new SignedTx[Issuances];
        var transfers = new SignedTx[Issuances];
        Parallel.For(0, Issuances, i =>
        {
            using var key = SigningKey.ForTesting($"bench/certs/{i}");
            issues[i] = Sign(key, 0, [new Msg { IssueCertificate = Issue((ulong)(i % Subjects) + 1, i) }]);
            transfers[i] = Sign(key, 0, [new Msg { Transfer = new MsgTransfer { To = issuers[(i + 1) % Issuances].ToByteString(), Denom = Ser.Symbol, Amount = "1000" } }]);
        });
        _issues = [.. issues];
        _transfers = [.. transfers];
        _context = new BlockContext(ChainId, 2, genesis.GenesisTimeUnixMs + 2000, authority.Address, genesis.Params);
    }

    [Benchmark]
    public int ExecuteIssuanceBlock() => Run(_issues);

    [Benchmark(Baseline = true)]
    public int ExecuteTransferBlock() => Run(_transfers);

    [Benchmark(OperationsPerInvoke = 1_000)]
    public System.Numerics.BigInteger SeRatio128Bit()
    {
        System.Numerics.BigInteger last = default;
        for (int i = 0; i < 1_000; i++) last = SeRatio.Compute(Social, Financial);
        return last;
    }

    private int Run(List<SignedTx> txs)
    {
        var outcome = _executor.Execute(new Reader(_state), _context, txs);
        if (outcome.Receipts[0].Code != ResultCode.Ok) throw new InvalidOperationException(outcome.Receipts[0].Log);
        return outcome.Receipts.Count;
    }

    private static MsgIssueCertificate Issue(ulong subject, int i)
    {
        var issue = new MsgIssueCertificate
        {
            Subject = subject, PeriodStartUnixMs = 1_735_689_600_000, PeriodEndUnixMs = 1_767_225_600_000,
            SocialValue = (10_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), FinancialValue = "7000", Scale = 2,
            SocialUnit = "GBP", Currency = "GBP", MethodId = "sroi", MethodVersion = 1, EvidenceUri = "ipfs://bench",
            EvidenceHash = Hash32.Sha256([2]).ToByteString(), ValidUntilUnixMs = long.MaxValue,
        };
        issue.Labels.Add("SDG:13");
        return issue;
    }

    private static SignedTx Sign(SigningKey key, ulong nonce, IEnumerable<Msg> msgs)
    {
        var body = new TxBody { ChainId = ChainId, Sender = key.Address.ToByteString(), Nonce = nonce, GasLimit = 1_000_000 };
        body.Msgs.Add(msgs);
        if (TxDecoder.TryDecode(TxDecoder.Sign(body, key), ChainId, TxDecoder.MaxTxBytes, out var tx, out var error) != TxFormatError.None)
            throw new InvalidOperationException($"bench tx does not decode: {error}");
        return tx!;
    }

    private sealed class Reader(Dictionary<Hash32, byte[]> state) : IStateReader
    {
        public byte[]? Get(in Hash32 key) => state.TryGetValue(key, out var value) ? value : null;
    }
}
