using System.Numerics;
using CsCheck;
using Seratio.Core.Numerics;
using Seratio.Protocol;
using Seratio.Vm.Modules.Grants;
using Xunit.Abstractions;

namespace Seratio.Vm.Tests.Modules.Grants;

/// <summary>
/// The fixed-point conviction and threshold against exact rational arithmetic (<see cref="ExactConviction"/>): within the
/// bound docs/modules/grants.md derives, monotone towards the limit, the closed form equal to block-by-block steps within
/// their bounds, and no request of β·R or more ever passing.
/// </summary>
public class ConvictionPropertyTests(ITestOutputHelper output)
{
    private const string Seed = "0GrantConv7Q";

    /// <summary>A decay a = num/den with den up to 10⁶ (small den: fast decay; den near num: a close to 1).</summary>
    private static readonly Gen<(ulong Num, ulong Den)> GenDecay =
        Gen.OneOf(
            Gen.ULong[2, 1_000_000].SelectMany(den => Gen.ULong[1, den - 1].Select(num => (num, den))),
            Gen.ULong[2, 1_000_000].SelectMany(den => Gen.ULong[1, Math.Min(50, den - 1)].Select(k => (den - k, den))));

    private static readonly Gen<BigInteger> GenAmount = Gen.OneOf(Gen.ULong[0, 1_000], Gen.ULong[0, 1_000_000_000_000], Gen.ULong).Select(v => new BigInteger(v));

    [Fact]
    public void FromZero_ConvictionRisesMonotonically_TowardsXOver1MinusA_WithinTheBound()
    {
        Gen.Select(GenDecay, GenAmount, Gen.Int[0, 300]).Sample((decay, x, n) =>
        {
            var (num, den) = decay;
            var y = Conviction.After(0, x, (ulong)n, num, den);
            var bound = Conviction.ErrorBound(0, x, (ulong)n, num, den);
            Assert.True(ExactConviction.Within(y, ExactConviction.After(0, x, n, num, den), bound), $"y{n} = {y} is off the exact value by more than {bound}");
            Assert.True(Conviction.After(0, x, (ulong)n + 1, num, den) >= y, "conviction fell while the stake stayed");
            Assert.True(y <= Conviction.Limit(x, num, den), "conviction passed its limit x/(1−a)");
        }, seed: Seed, iter: 4000, threads: 1, writeLine: output.WriteLine);
    }

    [Fact]
    public void AfterWithdrawal_ConvictionDecaysMonotonically_TowardsTheNewLevel_WithinTheBound()
    {
        Gen.Select(GenDecay, GenAmount, GenAmount, Gen.Int[0, 300]).Sample((decay, before, after, n) =>
        {
            var (num, den) = decay;
            var (high, low) = before >= after ? (before, after) : (after, before);
            var y0 = Conviction.Limit(high, num, den); // conviction built up on the larger stake
            var y = Conviction.After(y0, low, (ulong)n, num, den);
            var bound = Conviction.ErrorBound(y0, low, (ulong)n, num, den);
            Assert.True(ExactConviction.Within(y, ExactConviction.After(y0, low, n, num, den), bound), $"y{n} = {y} is off the exact value by more than {bound}");
            Assert.True(Conviction.After(y0, low, (ulong)n + 1, num, den) <= y, "conviction rose after the stake fell");
            Assert.True(y >= Conviction.Limit(low, num, den) - 1, "conviction fell below the new level");
        }, seed: Seed, iter: 4000, threads: 1, writeLine: output.WriteLine);
    }

    [Fact]
    public void TheClosedFormOverNBlocks_EqualsNOneBlockSteps_WithinTheirBounds()
    {
        Gen.Select(GenDecay, GenAmount, GenAmount, Gen.Int[1, 200]).Sample((decay, y0, x, n) =>
        {
            var (num, den) = decay;
            var closed = Conviction.After(y0, x, (ulong)n, num, den);
            var stepped = y0;
            BigInteger stepBound = 0;
            for (int i = 0; i < n; i++)
            {
                stepBound += Conviction.ErrorBound(stepped, x, 1, num, den);
                stepped = Conviction.After(stepped, x, 1, num, den);
            }
            var exact = ExactConviction.After(y0, x, n, num, den);
            var bound = Conviction.ErrorBound(y0, x, (ulong)n, num, den);
            Assert.True(ExactConviction.Within(closed, exact, bound), $"closed form {closed} off the exact value by more than {bound}");
            // Each step's error is at most its bound and later steps shrink it by a, so the sum bounds the steps' drift.
            Assert.True(ExactConviction.Within(stepped, exact, stepBound), $"{n} steps give {stepped}, off the exact value by more than {stepBound}");
            Assert.True(BigInteger.Abs(closed - stepped) <= bound + stepBound, $"closed {closed} vs stepped {stepped}");
        }, seed: Seed, iter: 2000, threads: 1, writeLine: output.WriteLine);
    }

    [Fact]
    public void AfterVeryManyBlocks_ConvictionIsTheFloorOfTheLimit()
    {
        Gen.Select(GenDecay, GenAmount, GenAmount, Gen.ULong[1UL << 40, ulong.MaxValue]).Sample((decay, y0, x, n) =>
        {
            var (num, den) = decay;
            // aⁿ·2⁶⁴ < 1 long before n = 2⁴⁰ unless a is within 2⁻³⁴ of 1, which den ≤ 10⁶ rules out.
            Assert.Equal(Conviction.Limit(x, num, den), Conviction.After(y0, x, n, num, den));
        }, seed: Seed, iter: 3000, threads: 1, writeLine: output.WriteLine);
    }

    private static readonly Gen<DafParams> GenParams =
        Gen.Select(GenDecay, Gen.UInt[1, 10_000], Gen.UInt[1, 1_000_000]).Select((decay, beta, rho) => new DafParams
        {
            ConvictionDecayNum = decay.Num, ConvictionDecayDen = decay.Den, GrantMaxRatioBps = beta, GrantWeightPpm = rho,
        });

    private static readonly Gen<Amount> GenAmt = GenAmount.Select(v => new Amount((UInt128)v));

    [Fact]
    public void TheIntegerThreshold_AgreesWithExactRationals_AndIsTheLeastPassingConviction()
    {
        Gen.Select(GenParams, GenAmt, GenAmt, GenAmt.Where(s => !s.IsZero), GenAmount).Sample((p, r, treasury, staked, y) =>
        {
            var exact = ExactConviction.Passes((y, 1), r.Value, treasury.Value, staked.Value, p);
            Assert.Equal(exact, GrantThreshold.Passes(y, 1, r, treasury, staked, p));
            var threshold = GrantThreshold.Threshold(r, treasury, staked, p);
            Assert.Equal(GrantThreshold.CanPass(r, treasury, p), threshold is not null);
            if (threshold is not { } t) return;
            Assert.True(GrantThreshold.Passes(t, 1, r, treasury, staked, p), "the threshold itself does not pass");
            if (t > 0) Assert.False(GrantThreshold.Passes(t - 1, 1, r, treasury, staked, p), "one below the threshold passes");
        }, seed: Seed, iter: 5000, threads: 1, writeLine: output.WriteLine);
    }

    [Fact]
    public void ARequestOfBetaTimesTheTreasuryOrMore_NeverPasses_WhateverTheConviction()
    {
        var gen = Gen.Select(GenParams, GenAmt, Gen.ULong[0, 100_000], GenAmt, GenAmount).Select((p, treasury, extra, staked, y) =>
        {
            // r ≥ β·R: the least such r, plus extra.
            var least = (p.GrantMaxRatioBps * (BigInteger)treasury.Value + 9_999) / 10_000;
            return (p, r: new Amount((UInt128)(least + extra)), treasury, staked, y);
        });
        gen.Sample(c =>
        {
            Assert.False(GrantThreshold.CanPass(c.r, c.treasury, c.p));
            Assert.False(GrantThreshold.Passes(c.y, 1 + c.staked, c.r, c.treasury, c.staked, c.p));
            Assert.Null(GrantThreshold.Threshold(c.r, c.treasury, c.staked, c.p));
            Assert.Null(GrantThreshold.FirstPassingStep(c.y, 1 + c.staked, c.r, c.treasury, c.staked, c.p, 1_000_000));
        }, seed: Seed, iter: 5000, threads: 1, writeLine: output.WriteLine);
    }

    [Fact]
    public void TheFirstPassingStep_IsTheFirstStepWhoseConvictionPasses()
    {
        Gen.Select(GenParams, Gen.ULong[1, 1_000_000], Gen.ULong[1, 10_000_000], Gen.ULong[0, 5_000_000], Gen.ULong[1, 400]).Sample((p, x, treasury, abstain, max) =>
        {
            Amount stake = x, r = treasury / 20, total = x + abstain;
            var step = GrantThreshold.FirstPassingStep(0, stake, r, treasury, total, p, max);
            bool PassesAt(ulong n) => GrantThreshold.Passes(Conviction.After(0, x, n, p.ConvictionDecayNum, p.ConvictionDecayDen), stake, r, treasury, total, p);
            ulong? walked = null;
            for (ulong n = 1; n <= max && walked is null; n++) if (PassesAt(n)) walked = n;
            Assert.Equal(walked, step);
        }, seed: Seed, iter: 1500, threads: 1, writeLine: output.WriteLine);
    }
}
