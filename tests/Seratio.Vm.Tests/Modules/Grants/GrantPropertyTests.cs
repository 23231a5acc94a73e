using System.Globalization;
using CsCheck;
using Google.Protobuf;
using Seratio.Core.Addressing;
using Seratio.Core.Numerics;
using Seratio.Core.Transactions;
using Seratio.Protocol;
using Seratio.Vm.Execution;
using Seratio.Vm.Modules.Daf;
using Seratio.Vm.Tests.Support;
using Xunit.Abstractions;
using static Seratio.Vm.Tests.Modules.Grants.GrantChain;
using G = Seratio.Vm.Modules.Grants.Grants;

using DafModule = Seratio.Vm.Modules.Daf.Daf;

namespace Seratio.Vm.Tests.Modules.Grants;

/// <summary>
/// Conviction grants over random sequences of blocks (requests, stakes, unstakes, withdrawals, treasury deposits and
/// blocks passing, with a fast decay and a short lifetime so that grants pass and expire), every invariant of
/// <see cref="GrantInvariants"/> checked after every block, and each block also executed in another transaction order
/// (each sender's own order kept, as nonces require) to the very same state changes and receipts.
/// </summary>
public class GrantPropertyTests(ITestOutputHelper output)
{
    private const string Seed = "0GrantSeq3Kp";
    private const ulong FirstHeight = 10;
    private static readonly Amount InitialTreasury = 1_000_000;
    // One support per staker, so that TOO_MANY_SUPPORTS (and slots freed by unstaking) come up in most runs.
    internal static readonly DafParams P = FastParams(maxSupports: 1, maxOpen: 4, lifetime: 6);
    internal static readonly IReadOnlyList<Address> World = [.. Stakers.Append("requester").Append("outsider").Select(TestKeys.Address)];

    /// <summary>Kind: 0 request, 1-3 stake, 4-5 unstake, 6 withdraw, 7 treasury deposit; 8-9 nothing (a quieter block).</summary>
    private readonly record struct Op(int Kind, int Staker, int Grant, int Size);

    private static readonly Gen<Op> GenOp =
        Gen.Select(Gen.Int[0, 9], Gen.Int[0, 3], Gen.Int[0, 7], Gen.Int[1, 40]).Select(t => new Op(t.Item1, t.Item2, t.Item3, t.Item4));

    private static readonly Gen<(Op[] Ops, int Shuffle)[]> GenScenario = Gen.Select(GenOp.Array[0, 6], Gen.Int).Array[1, 8];

    [Fact]
    public void RandomBlocks_KeepEveryInvariant_AndTransactionOrderChangesNothing()
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        GenScenario.Sample(blocks => Check(blocks, seen), seed: Seed, iter: 1000, threads: 1, writeLine: output.WriteLine);
        output.WriteLine("seen: " + string.Join(", ", seen));
        // The generator must reach every rule it claims to check, or the invariants hold vacuously.
        string[] expected =
        [
            "paid", "expired", "withdrawn", "GrantTooLarge", "TooManySupports", "GrantClosed", "InsufficientFunds", "NotFound",
            "LimitExceeded", "Unauthorized",
        ];
        Assert.Empty(expected.Except(seen));
    }

    private static void Check((Op[] Ops, int Shuffle)[] blocks, SortedSet<string> seen)
    {
        var state = Ready(InitialTreasury, P);
        var deposited = Amount.Zero;
        for (int b = 0; b < blocks.Length; b++)
        {
            ulong height = FirstHeight + (ulong)b;
            var txs = Build(state, blocks[b].Ops);
            var permuted = Interleave(txs, blocks[b].Shuffle);
            var context = Blocks.Context(height);
            var outcome = new BlockExecutor().Execute(state, context, [.. txs.Select(t => t.Tx)]);
            var other = new BlockExecutor().Execute(state, context, [.. permuted.Select(t => t.Tx)]);
            state.Apply(outcome.Changes);

            var violations = new List<string>();
            violations.AddRange(SameResults(outcome, other));
            for (int i = 0; i < txs.Count; i++)
            {
                var receipt = outcome.Receipts[i];
                if (receipt.Code != ResultCode.Ok) seen.Add(receipt.Code.ToString());
                else if (txs[i].Deposit is { } amount) deposited += amount;
            }
            violations.AddRange(GrantInvariants.Stakes(state, World));
            violations.AddRange(GrantInvariants.Treasury(state, InitialTreasury, deposited));
            violations.AddRange(GrantInvariants.PaidBelowBeta(state, height, P));
            violations.AddRange(GrantInvariants.Schedule(state, height));
            Assert.True(violations.Count == 0, $"block {b} (height {height}):\n{string.Join("\n", violations)}");
            for (ulong id = 1; id <= G.LastGrantId(state); id++)
                if (Grant(state, id) is { } g && g.ClosedHeight == height) seen.Add(g.Status.ToString().ToLowerInvariant());
        }
    }

    /// <summary>Both orders' changes (as a key → value map) and receipts (by transaction hash) are identical.</summary>
    private static IEnumerable<string> SameResults(BlockOutcome mine, BlockOutcome theirs)
    {
        var a = mine.Changes.ToDictionary(c => c.Key, c => c.Value is null ? "deleted" : Convert.ToHexString(c.Value));
        var b = theirs.Changes.ToDictionary(c => c.Key, c => c.Value is null ? "deleted" : Convert.ToHexString(c.Value));
        foreach (var (key, value) in a)
            if (!b.TryGetValue(key, out var v) || v != value) yield return $"another transaction order changed key {key} differently";
        foreach (var key in b.Keys.Except(a.Keys)) yield return $"another transaction order also changed key {key}";
        var receipts = theirs.Receipts.ToDictionary(r => r.TxHash);
        foreach (var receipt in mine.Receipts)
        {
            var twin = receipts[receipt.TxHash].Clone();
            twin.Index = receipt.Index;
            if (!twin.Equals(receipt)) yield return $"another transaction order gave another receipt: {receipt} vs {twin}";
        }
    }

    private static List<(string Sender, SignedTx Tx, Amount? Deposit)> Build(MemoryState state, Op[] ops)
    {
        var nonces = new Dictionary<string, ulong>();
        var txs = new List<(string, SignedTx, Amount?)>();
        ulong last = G.LastGrantId(state);
        // A withdrawal and a stake on the same grant in one block rightly depend on their order (the stake is refused
        // after it): stakes aimed at a grant withdrawn in this block go to the abstain bucket instead.
        var withdrawn = ops.Where(o => o.Kind == 6).Select(o => Target(o, last)).ToHashSet();
        foreach (var op in ops)
        {
            if (op.Kind >= 8) continue;
            var (sender, msg, deposit) = Message(state, op, last, withdrawn);
            ulong nonce = nonces.TryGetValue(sender, out var n) ? n : state.Account(sender).Nonce;
            nonces[sender] = nonce + 1;
            txs.Add((sender, TxBuilder.From(sender).Nonce(nonce).FakeSignature().Message(msg).Build(), deposit));
        }
        return txs;
    }

    /// <summary>A grant of earlier blocks (an id requested in this block would depend on the order), the abstain bucket, or an unknown id.</summary>
    private static ulong Target(Op op, ulong last) => op.Grant switch
    {
        0 => 0,
        7 => 1_000_000,
        _ => last == 0 ? 1_000_000 : 1 + (ulong)(op.Grant * 7919 + op.Size) % last,
    };

    private static (string Sender, Msg Msg, Amount? Deposit) Message(MemoryState state, Op op, ulong last, HashSet<ulong> withdrawn)
    {
        string staker = Stakers[op.Staker];
        string Text(UInt128 v) => v.ToString(CultureInfo.InvariantCulture);
        switch (op.Kind)
        {
            case 0:
                // Requests (and deposits) come from one account, so their ids and their view of the treasury keep their order.
                var treasury = state.Account(DafModule.Address).Balance.Value;
                return ("requester", Request(staker, Text(treasury * (UInt128)op.Size / 150)), null);
            case <= 3:
                ulong target = Target(op, last);
                if (withdrawn.Contains(target)) target = 0;
                // Mostly affordable; a few beyond the staker's balance.
                UInt128 amount = op.Size == 40 ? 2_000_000_000 : (UInt128)op.Size * (UInt128)op.Size * 997;
                return (staker, Stake(target, Text(amount)), null);
            case <= 5:
                ulong from = Target(op, last);
                var held = G.GetStake(state, from, TestKeys.Address(staker)) is { } s ? G.StakeAmount(s).Value : 0;
                // Half of the stake, all of it, or one unit more than it.
                UInt128 take = op.Size % 3 == 0 ? held / 2 : op.Size % 3 == 1 ? held : held + 1;
                return (staker, Unstake(from, Text(take == 0 ? 1 : take)), null);
            case 6:
                return (op.Size % 5 == 0 ? staker : "requester", Withdraw(Target(op, last)), null);
            default:
                Amount deposit = (ulong)op.Size * 20_000;
                return ("requester", new Msg { Transfer = new MsgTransfer { To = DafModule.Address.ToByteString(), Denom = "SER", Amount = deposit.ToString() } }, deposit);
        }
    }

    /// <summary>A random interleaving of the transactions that keeps each sender's own order (its nonces).</summary>
    private static List<(string Sender, SignedTx Tx, Amount? Deposit)> Interleave(List<(string Sender, SignedTx Tx, Amount? Deposit)> txs, int seed)
    {
        var random = new Random(seed);
        var slots = Enumerable.Range(0, txs.Count).OrderBy(_ => random.Next()).ToArray();
        var result = new (string, SignedTx, Amount?)[txs.Count];
        foreach (var group in Enumerable.Range(0, txs.Count).GroupBy(i => txs[i].Sender))
        {
            var mine = group.ToArray();
            var positions = mine.Select(i => slots[i]).Order().ToArray();
            for (int k = 0; k < mine.Length; k++) result[positions[k]] = txs[mine[k]];
        }
        return [.. result];
    }
}
