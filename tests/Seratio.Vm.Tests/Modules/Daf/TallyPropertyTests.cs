using System.Numerics;
using CsCheck;
using Seratio.Protocol;
using Seratio.Vm.Modules;
using Seratio.Vm.Modules.Daf;
using Seratio.Vm.State;
using Seratio.Vm.Tests.Support;
using static Seratio.Vm.Tests.Modules.Daf.DafChain;
using DafApi = Seratio.Vm.Modules.Daf.Daf;

namespace Seratio.Vm.Tests.Modules.Daf;

/// <summary>
/// The running tally against the votes it summarises: any sequence of votes and changed votes by members of any
/// weights leaves the tally equal to the sum of the members' last votes, each voter listed once in first-vote order,
/// and the outcome equal to a reference tally written with fractions rather than cross-multiplication.
/// </summary>
public class TallyPropertyTests
{
    private static readonly string[] Voters = ["p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7"];

    /// <summary>A chain with council p0..p7 (weights 1..8) and proposal 1 in its voting period; shared, never mutated.</summary>
    private static readonly (MemoryState State, ulong Height) Base = BuildBase();

    [Fact]
    public void AnySequenceOfVotes_KeepsTheRunningTallyEqualToTheLastVotes()
    {
        var vote = Gen.Select(Gen.Int[0, Voters.Length - 1], Gen.Int[1, 4]);
        vote.Array[1, 24].Sample(votes =>
        {
            var view = new BlockState(Base.State);
            var handler = new VoteHandler();
            var context = Blocks.Context(Base.Height);
            var firstOrder = new List<string>();
            foreach (var (who, option) in votes)
            {
                var msg = Vote(1, (VoteOption)option);
                var result = handler.Execute(msg, new MsgContext(view, TestKeys.Address(Voters[who]), context, [], new AddressText()));
                if (!result.IsOk) return false;
                if (!firstOrder.Contains(Voters[who])) firstOrder.Add(Voters[who]);
            }
            var reader = new ViewReader(view);
            var proposal = DafApi.GetProposal(reader, 1)!;
            var last = votes.GroupBy(v => v.Item1).ToDictionary(g => g.Key, g => g.Last().Item2);
            ulong Sum(int option) => (ulong)last.Where(kv => kv.Value == option).Sum(kv => kv.Key + 1);
            var t = proposal.Tally;
            if ((t.Yes, t.No, t.Abstain, t.Veto) != (Sum(1), Sum(2), Sum(3), Sum(4))) return false;
            if (DafApi.VoteCount(reader, 1) != (ulong)firstOrder.Count) return false;
            var listed = DafApi.Votes(reader, 1, 0, 100).Select(r => Voters.Single(n => TestKeys.Address(n).ToByteString() == r.Voter)).ToList();
            return listed.SequenceEqual(firstOrder);
        }, iter: 2_000, seed: null);
    }

    [Fact]
    public void TheTally_AgreesWithAReferenceWrittenInFractions()
    {
        var gen = Gen.Select(Gen.ULong[0, 50], Gen.ULong[0, 50], Gen.ULong[0, 50], Gen.ULong[0, 50], Gen.ULong[0, 250], Gen.UInt[0, 10_000], Gen.Bool, Gen.Bool);
        gen.Sample((yes, no, abstain, veto, extra, share, critical, expedited) =>
        {
            var p = DafRules.DefaultParams;
            p.QuorumBps = Math.Max(share, 1);
            p.ThresholdBps = Math.Min(share, 9_999);
            var proposal = new ProposalState
            {
                Params = p, Critical = critical, Expedited = expedited,
                Tally = new TallyResult { Yes = yes, No = no, Abstain = abstain, Veto = veto },
                TotalWeight = yes + no + abstain + veto + extra,
            };
            return ProposalTally.Decide(proposal) == Reference(proposal);
        }, iter: 20_000, seed: null);
    }

    private static TallyOutcome Reference(ProposalState proposal)
    {
        var p = proposal.Params;
        var t = proposal.Tally;
        BigInteger voted = (BigInteger)t.Yes + t.No + t.Abstain + t.Veto, total = proposal.TotalWeight;
        static bool AtLeast(BigInteger num, BigInteger den, uint bps) => den > 0 && Frac(num, den) >= Frac(bps, 10_000);
        static bool Above(BigInteger num, BigInteger den, uint bps) => den > 0 && Frac(num, den) > Frac(bps, 10_000);
        bool vetoed = Above(t.Veto, voted, p.VetoThresholdBps);
        if (proposal.Expedited)
        {
            uint needed = proposal.Critical ? Math.Max(p.ExpeditedThresholdBps, p.CriticalThresholdBps) : p.ExpeditedThresholdBps;
            return total > 0 && AtLeast(t.Yes, total, needed) && !vetoed ? TallyOutcome.Passed : TallyOutcome.Fallback;
        }
        if (total == 0 || !AtLeast(voted, total, p.QuorumBps)) return TallyOutcome.Rejected;
        if (vetoed) return TallyOutcome.Vetoed;
        if (proposal.Critical) return AtLeast(t.Yes, total, p.CriticalThresholdBps) ? TallyOutcome.Passed : TallyOutcome.Rejected;
        BigInteger decisive = (BigInteger)t.Yes + t.No + t.Veto;
        return decisive > 0 && Above(t.Yes, decisive, p.ThresholdBps) ? TallyOutcome.Passed : TallyOutcome.Rejected;
    }

    /// <summary>num / den, kept as the pair.</summary>
    private static Fraction Frac(BigInteger num, BigInteger den) => new(num, den);

    private readonly record struct Fraction(BigInteger Num, BigInteger Den) : IComparable<Fraction>
    {
        public int CompareTo(Fraction other)
        {
            // Compare integer parts, then the remainders as fractions of the same kind, recursively (continued fractions).
            var (q1, r1) = (BigInteger.DivRem(Num, Den, out var rem1), rem1);
            var (q2, r2) = (BigInteger.DivRem(other.Num, other.Den, out var rem2), rem2);
            if (q1 != q2) return q1.CompareTo(q2);
            if (r1.IsZero || r2.IsZero) return r1.IsZero ? (r2.IsZero ? 0 : -1) : 1;
            return new Fraction(other.Den, r2).CompareTo(new Fraction(Den, r1));
        }

        public static bool operator >(Fraction a, Fraction b) => a.CompareTo(b) > 0;
        public static bool operator <(Fraction a, Fraction b) => a.CompareTo(b) < 0;
        public static bool operator >=(Fraction a, Fraction b) => a.CompareTo(b) >= 0;
        public static bool operator <=(Fraction a, Fraction b) => a.CompareTo(b) <= 0;
    }

    private static (MemoryState, ulong) BuildBase()
    {
        var chain = new DafChain();
        Ok(chain.Send(AuthorityName, Members([.. Voters.Select((n, i) => (n, (ulong)i + 1))])));
        Ok(chain.Propose("alice", "1000"));
        return (chain.State, chain.Height + 1);
    }

    private sealed class ViewReader(IStateView view) : Core.State.IStateReader
    {
        public byte[]? Get(in Core.Crypto.Hash32 key) => view.Get(key);
    }
}
