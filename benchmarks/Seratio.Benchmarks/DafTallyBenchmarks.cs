using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Seratio.Core.Chain;
using Seratio.Core.Crypto;
using Seratio.Core.Numerics;
using Seratio.Core.State;
using Seratio.Core.Transactions;
using Seratio.Protocol;
using Seratio.Vm.Execution;
using Seratio.Vm.Modules.Daf;

namespace Seratio.Benchmarks;

/// <summary>
/// The DAF's vote and tally (issue 12): a council of <see cref="Members"/> members (weight 1, from genesis, the DAF the
/// authority), one proposal in its voting period. <see cref="VotesAndTally"/> executes, through
/// <see cref="BlockExecutor"/>, the block at the proposal's last voting height: one MsgVote transaction per member, then
/// the end-of-block step that tallies it (it passes: every member votes yes). <see cref="TallyAlone"/> executes the
/// empty block at the last voting height of a proposal that already holds the same votes: the end-of-block tally by
/// itself, which reads the running tally and never the votes. <see cref="BlockOfTransfers"/>, the same number of SER
/// transfers, is the baseline. Every invocation runs against the same prepared state.
/// </summary>
[MemoryDiagnoser]
public class DafTallyBenchmarks
{
    [Params(1_000)] public int Members;

    private const string ChainId = "seratio-bench";
    private readonly Dictionary<Hash32, byte[]> _votingState = new(), _votedState = new();
    private readonly BlockExecutor _executor = new();
    private BlockContext _votesContext = null!, _tallyContext = null!;
    private List<SignedTx> _votes = [], _transfers = [];

    [GlobalSetup]
    public void Setup()
    {
        var members = new SigningKey[Members];
        Parallel.For(0, Members, i => members[i] = SigningKey.ForTesting($"bench/daf/member/{i}"));
        using var proposer = SigningKey.ForTesting("bench/daf/proposer");

        // Chain A: the vote ends at height 2, the height of the measured block of votes.
        var a = Genesis(members, proposer, votingPeriod: 2);
        Build(_votingState, a);
        Apply(_votingState, Context(a, 1), [Sign(proposer, 0, Submit())]);
        _votesContext = Context(a, 2);
        _votes = Sign(members, 0, _ => new Msg { Vote = new MsgVote { ProposalId = 1, Option = VoteOption.Yes } });
        _transfers = Sign(members, 0, i => new Msg { Transfer = new MsgTransfer { To = members[(i + 1) % Members].Address.ToByteString(), Denom = Ser.Symbol, Amount = "1" } });

        // Chain B: the vote ends at height 3; the votes are in at height 2; the measured block is the empty height 3.
        var b = Genesis(members, proposer, votingPeriod: 3);
        Build(_votedState, b);
        Apply(_votedState, Context(b, 1), [Sign(proposer, 0, Submit())]);
        Apply(_votedState, Context(b, 2), _votes);
        _tallyContext = Context(b, 3);

        Check(_votingState, _votesContext, _votes);
        Check(_votedState, _tallyContext, []);
        foreach (var k in members) k.Dispose();
    }

    [Benchmark(Baseline = true)]
    public int BlockOfTransfers() => _executor.Execute(new BenchChain.Reader(_votingState), _votesContext, _transfers).Changes.Count;

    [Benchmark]
    public int VotesAndTally() => _executor.Execute(new BenchChain.Reader(_votingState), _votesContext, _votes).Changes.Count;

    [Benchmark]
    public int TallyAlone() => _executor.Execute(new BenchChain.Reader(_votedState), _tallyContext, []).Changes.Count;

    private static Genesis Genesis(SigningKey[] members, SigningKey proposer, ulong votingPeriod) => new()
    {
        ChainId = ChainId,
        Authority = Daf.Address.ToString(),
        Validators = [new GenesisValidator { PublicKey = proposer.PublicKey.ToString(), Power = 1 }],
        Accounts = members.Select(k => k.Address).Append(proposer.Address)
            .Select(a => new GenesisAccount { Address = a.ToString(), Balance = Ser.Whole(1_000).ToString() }).ToList(),
        Daf = new GenesisDaf
        {
            Members = members.Select(k => new GenesisDafMember { Address = k.Address.ToString(), Weight = 1 }).ToList(),
            Params = new JsonObject { ["voting_period"] = votingPeriod, ["expedited_voting_period"] = 1, ["min_deposit"] = "1000" },
        },
    };

    private static Msg Submit() => new() { SubmitProposal = new MsgSubmitProposal { Title = "bench", InitialDeposit = "1000" } };

    private static BlockContext Context(Genesis genesis, ulong height) =>
        new(ChainId, height, genesis.GenesisTimeUnixMs + 1000 * (long)height, Core.Addressing.Address.Zero, genesis.Params);

    private static void Build(Dictionary<Hash32, byte[]> state, Genesis genesis)
    {
        foreach (var change in Seratio.Vm.Genesis.GenesisState.Build(genesis)) state[change.Key] = change.Value!;
    }

    private void Apply(Dictionary<Hash32, byte[]> state, BlockContext context, IReadOnlyList<SignedTx> txs)
    {
        BenchChain.ApplyChanges(state, Check(state, context, txs));
    }

    /// <summary>Executes and fails loudly unless every transaction succeeded (and, at a tally, the proposal passed).</summary>
    private BlockOutcome Check(Dictionary<Hash32, byte[]> state, BlockContext context, IReadOnlyList<SignedTx> txs)
    {
        var outcome = _executor.Execute(new BenchChain.Reader(state), context, txs);
        if (outcome.Receipts.FirstOrDefault(r => r.Code != ResultCode.Ok) is { } failed)
            throw new InvalidOperationException($"benchmark block at height {context.Height} failed: {failed.Code} {failed.Log}");
        var after = new Dictionary<Hash32, byte[]>(state);
        BenchChain.ApplyChanges(after, outcome);
        var proposal = Daf.GetProposal(new BenchChain.Reader(after), 1);
        if (proposal is null) throw new InvalidOperationException("no proposal 1");
        if (context.Height == proposal.VotingEndHeight && proposal.Status != ProposalStatus.Passed)
            throw new InvalidOperationException($"the tally at height {context.Height} left proposal 1 {proposal.Status}");
        return outcome;
    }

    private static List<SignedTx> Sign(SigningKey[] keys, ulong nonce, Func<int, Msg> msg)
    {
        var txs = new SignedTx[keys.Length];
        Parallel.For(0, keys.Length, i => txs[i] = Sign(keys[i], nonce, msg(i)));
        return [.. txs];
    }

    private static SignedTx Sign(SigningKey key, ulong nonce, params Msg[] msgs) => BenchChain.Sign(ChainId, key, nonce, 200_000, msgs);

}
