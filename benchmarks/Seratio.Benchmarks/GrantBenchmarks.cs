using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using Seratio.Core.Chain;
using Seratio.Core.Crypto;
using Seratio.Core.Numerics;
using Seratio.Core.State;
using Seratio.Core.Transactions;
using Seratio.Protocol;
using Seratio.Vm.Execution;
using Seratio.Vm.Modules.Daf;
using Seratio.Vm.Modules.Grants;

namespace Seratio.Benchmarks;

/// <summary>
/// Conviction grants through the Vm (issue 12): <see cref="Grants"/> open requests and as many stakers. StakeBlock: one
/// block of one stake per staker, each on a different grant, through <see cref="BlockExecutor"/> with everything a block
/// does: each stake brings its grant's conviction to the height by the closed form and schedules its check, and the
/// end-of-block step then checks every touched grant (threshold, next passing height by search). DueBlock: an empty
/// block at the height where every grant is due at once, the end-of-block step alone: Outcome "pay" (every grant passes
/// and is paid from the treasury) or "expire" (none can pass in its lifetime; every one expires). Beside them a block of
/// as many SER transfers. Each run executes against the same prepared state, so every invocation does the same work.
/// </summary>
[MemoryDiagnoser]
public class GrantBenchmarks
{
    [Params(10_000)] public int Grants;
    [Params("pay", "expire")] public string Outcome = "pay";

    private const string ChainId = "seratio-bench";
    private const int PerRequestTx = 50;

    private readonly Dictionary<Hash32, byte[]> _state = new();
    private readonly Dictionary<Hash32, byte[]> _staked = new();
    private readonly BlockExecutor _executor = new();
    private BlockContext _stakeContext = null!, _dueContext = null!;
    private List<SignedTx> _stakeBlock = [], _transferBlock = [];

    [GlobalSetup]
    public void Setup()
    {
        var stakers = Keys("staker", Grants);
        using var requester = SigningKey.ForTesting("bench/grants/requester");
        var genesis = new Genesis
        {
            ChainId = ChainId,
            Authority = requester.Address.ToString(),
            Validators = [new GenesisValidator { PublicKey = requester.PublicKey.ToString(), Power = 1 }],
            Accounts = stakers.Select(k => k.Address).Append(requester.Address)
                .Select(a => new GenesisAccount { Address = a.ToString(), Balance = Ser.Whole(1_000).ToString() })
                .Append(new GenesisAccount { Address = Daf.Address.ToString(), Balance = Ser.Whole(1_000_000_000).ToString() }).ToList(),
        };
        foreach (var change in Seratio.Vm.Genesis.GenesisState.Build(genesis)) _state[change.Key] = change.Value!;
        var p = DafRules.DefaultParams;
        p.MaxOpenGrants = (uint)Grants;
        p.ConvictionDecayNum = 9;
        p.ConvictionDecayDen = 10;
        p.GrantLifetime = 100;
        // ρ = 10⁻⁶: with 10,000 equal stakes each grant holds 1/10,000 of S, and still passes within a few blocks.
        p.GrantWeightPpm = 1;
        _state[DafKeys.Params()] = p.ToByteArray();

        // Every staker stakes the same on its own grant, so all grants move in step. "pay": each asks 1 SER of the
        // 10⁹ SER treasury and passes a few blocks later; "expire": each asks just under β·R and never can.
        string amount = Outcome == "pay" ? Ser.Whole(1).ToString() : Ser.Whole(199_999_999).ToString();
        ulong height = 0;
        BlockContext Next() => new(ChainId, ++height, genesis.GenesisTimeUnixMs + 1000 * (long)height, requester.Address, genesis.Params);
        var requests = Enumerable.Range(0, Grants).Select(i => new Msg
        {
            RequestGrant = new MsgRequestGrant { Title = $"grant {i}", Beneficiary = stakers[(i + 1) % Grants].Address.ToByteString(), Amount = amount },
        }).Chunk(PerRequestTx).Select((msgs, n) => Sign(requester, (ulong)n, msgs)).ToList();
        Apply(_state, Next(), requests);
        if (Seratio.Vm.Modules.Grants.Grants.LastGrantId(new BenchChain.Reader(_state)) != (ulong)Grants) throw new InvalidOperationException("the requests did not open every grant");

        _stakeBlock = Sign(stakers, (k, i) => new Msg { StakeGrant = new MsgStakeGrant { GrantId = (ulong)i + 1, Amount = Ser.Whole(100).ToString() } }, 0);
        _transferBlock = Sign(stakers, (k, i) => new Msg { Transfer = new MsgTransfer { To = stakers[(i + 1) % Grants].Address.ToByteString(), Denom = Ser.Symbol, Amount = "1000" } }, 0);
        _stakeContext = Next();
        foreach (var (key, value) in _state) _staked[key] = value;
        Apply(_staked, _stakeContext, _stakeBlock);
        var first = Seratio.Vm.Modules.Grants.Grants.GetGrant(new BenchChain.Reader(_staked), 1)!;
        ulong due = first.NextCheckHeight;
        for (int i = 2; i <= Grants; i += Grants / 10)
            if (Seratio.Vm.Modules.Grants.Grants.GetGrant(new BenchChain.Reader(_staked), (ulong)i)!.NextCheckHeight != due) throw new InvalidOperationException("the grants are not all due at one height");
        _dueContext = new BlockContext(ChainId, due, genesis.GenesisTimeUnixMs + 1000 * (long)due, requester.Address, genesis.Params);
        var check = _executor.Execute(new BenchChain.Reader(_staked), _dueContext, []);
        var events = check.Changes.Count;
        var outcomeCheck = new Dictionary<Hash32, byte[]>(_staked);
        foreach (var change in check.Changes)
            if (change.Value is null) outcomeCheck.Remove(change.Key);
            else outcomeCheck[change.Key] = change.Value;
        var status = Seratio.Vm.Modules.Grants.Grants.GetGrant(new BenchChain.Reader(outcomeCheck), (ulong)Grants)!.Status;
        var expected = Outcome == "pay" ? GrantStatus.Paid : GrantStatus.Expired;
        if (status != expected) throw new InvalidOperationException($"at height {due} the grants are {status}, not {expected} ({events} changes)");
        foreach (var k in stakers) k.Dispose();
    }

    [Benchmark(Baseline = true)]
    public int BlockOfTransfers() => _executor.Execute(new BenchChain.Reader(_state), _stakeContext, _transferBlock).Changes.Count;

    [Benchmark]
    public int StakeBlock() => _executor.Execute(new BenchChain.Reader(_state), _stakeContext, _stakeBlock).Changes.Count;

    [Benchmark]
    public int DueBlock() => _executor.Execute(new BenchChain.Reader(_staked), _dueContext, []).Changes.Count;

    private static SigningKey[] Keys(string group, int count)
    {
        var keys = new SigningKey[count];
        Parallel.For(0, count, i => keys[i] = SigningKey.ForTesting($"bench/grants/{group}/{i}"));
        return keys;
    }

    private static List<SignedTx> Sign(SigningKey[] keys, Func<SigningKey, int, Msg> msg, ulong nonce)
    {
        var txs = new SignedTx[keys.Length];
        Parallel.For(0, keys.Length, i => txs[i] = Sign(keys[i], nonce, msg(keys[i], i)));
        return txs.ToList();
    }

    private void Apply(Dictionary<Hash32, byte[]> state, BlockContext context, IReadOnlyList<SignedTx> txs) =>
        BenchChain.Apply(_executor, state, context, txs);

    private static SignedTx Sign(SigningKey key, ulong nonce, params Msg[] msgs) => BenchChain.Sign(ChainId, key, nonce, 100_000, msgs);

}
